package io.capstan.apiserver.http;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.openapi.OpenApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves {@code /openapi/v2} (JSON, or gnostic protobuf for clients that ask for it, as kubectl
 * 1.20 does) and {@code /openapi/v3} (the index and one document per group version), with ETags so
 * clients can revalidate cheaply.
 */
final class OpenApiEndpoints {

  private final OpenApi openApi;

  OpenApiEndpoints(OpenApi openApi) {
    this.openApi = openApi;
  }

  void handle(Exchange exchange, List<String> parts) {
    if (!exchange.method().equals("GET")) {
      throw ApiException.methodNotAllowed("the OpenAPI documents are read-only");
    }
    if (parts.size() == 2 && parts.get(1).equals("v2")) {
      boolean protobuf = exchange.header("Accept").orElse("").contains(OpenApi.V2_PROTOBUF_ACCEPT);
      send(exchange, protobuf ? openApi.v2Protobuf() : openApi.v2Json(), false);
      return;
    }
    if (parts.size() >= 2 && parts.get(1).equals("v3")) {
      if (parts.size() == 2) {
        send(exchange, openApi.v3Index(), false);
        return;
      }
      String groupVersion = String.join("/", parts.subList(2, parts.size()));
      OpenApi.Rendered document = openApi.v3Document(groupVersion)
          .orElseThrow(ApiException::notFoundPath);
      boolean pinned = exchange.query("hash").map(document.hash()::equals).orElse(false);
      send(exchange, document, pinned);
      return;
    }
    throw ApiException.notFoundPath();
  }

  private static void send(Exchange exchange, OpenApi.Rendered document, boolean immutable) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ETag", document.etag());
    headers.put("Vary", "Accept");
    headers.put("Cache-Control", immutable ? "public, immutable" : "no-cache, private");
    if (exchange.header("If-None-Match").map(document.etag()::equals).orElse(false)) {
      exchange.respond(304, document.contentType(), new byte[0], headers);
      return;
    }
    exchange.respond(200, document.contentType(), document.bytes(), headers);
  }
}

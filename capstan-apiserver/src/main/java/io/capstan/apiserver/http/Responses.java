package io.capstan.apiserver.http;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Encodes response bodies as the client asked (JSON or YAML) and errors as Status JSON. */
final class Responses {

  static final String JSON = "application/json";
  static final String YAML = "application/yaml";

  private Responses() {}

  static void send(Exchange exchange, int status, JsonNode body, ResponseFormat format) {
    send(exchange, status, body, format, Map.of());
  }

  static void send(Exchange exchange, int status, JsonNode body, ResponseFormat format,
      Map<String, String> headers) {
    if (format.yaml()) {
      exchange.respond(status, YAML, Json.YAML.writeValueAsBytes(body), headers);
    } else {
      exchange.respond(status, JSON, Json.MAPPER.writeValueAsBytes(body), headers);
    }
  }

  static void error(Exchange exchange, ApiException error) {
    JsonNode status = Json.toTree(error.status());
    ((tools.jackson.databind.node.ObjectNode) status).put("kind", "Status");
    ((tools.jackson.databind.node.ObjectNode) status).put("apiVersion", "v1");
    exchange.respond(error.code(), JSON, Json.MAPPER.writeValueAsBytes(status),
        retryAfter(error));
  }

  /** A Status that says when to retry (429, 503) is also said as the Retry-After header. */
  private static Map<String, String> retryAfter(ApiException error) {
    var details = error.status().getDetails();
    if (details == null || details.getRetryAfterSeconds() == null
        || details.getRetryAfterSeconds() <= 0) {
      return Map.of();
    }
    return Map.of("Retry-After", String.valueOf(details.getRetryAfterSeconds()));
  }

  static void text(Exchange exchange, int status, String text) {
    exchange.respond(status, "text/plain; charset=utf-8",
        text.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
  }
}

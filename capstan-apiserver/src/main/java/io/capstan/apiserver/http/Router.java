package io.capstan.apiserver.http;

import io.capstan.apiserver.auth.UserInfo;
import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.guard.AuditRecord;
import io.capstan.apiserver.guard.InflightLimiter;
import io.capstan.apiserver.json.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/** Sends each request to the part of the server that owns its path. */
final class Router {

  private final ResourceHandler resources;
  private final Discovery discovery;
  private final OpenApiEndpoints openApi;
  private final ObjectNode version;
  private final BooleanSupplier ready;
  private final Supplier<String> serverAddress;
  private final AccessControl access;
  private final Optional<NodeJoinHandler> join;
  private final InflightLimiter limiter;

  Router(ResourceHandler resources, Discovery discovery, OpenApiEndpoints openApi,
      ObjectNode version, BooleanSupplier ready, Supplier<String> serverAddress,
      AccessControl access, Optional<NodeJoinHandler> join, InflightLimiter limiter) {
    this.resources = resources;
    this.discovery = discovery;
    this.openApi = openApi;
    this.version = version;
    this.ready = ready;
    this.serverAddress = serverAddress;
    this.access = access;
    this.join = join;
    this.limiter = limiter;
  }

  /** Serves the request, noting in {@code scope} who sent it once that is known. */
  void handle(Exchange exchange, RequestScope scope) throws InterruptedException {
    String path = exchange.path();
    if (join.isPresent() && path.equals(NodeJoinHandler.PATH)) {
      // Joining nodes have no credential yet; the handler checks the join token itself.
      join.get().handle(exchange);
      return;
    }
    Optional<UserInfo> user = access.admit(exchange, scope);
    if (InflightLimiter.isLongRunning(exchange.method(), path, exchange.queryParams())) {
      route(exchange);
      return;
    }
    // One client's burst waits for its own requests, not everyone's (max-requests-inflight).
    String client = user.map(UserInfo::name)
        .orElse("system:anonymous@" + exchange.remoteAddress());
    try (InflightLimiter.Permit permit = limiter.tryAcquire(client,
        AuditRecord.isMutating(exchange.method())).orElseThrow(InflightLimiter::rejection)) {
      route(exchange);
    }
  }

  private void route(Exchange exchange) throws InterruptedException {
    String path = exchange.path();
    List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    if (parts.isEmpty()) {
      rootPaths(exchange);
      return;
    }
    switch (parts.get(0)) {
      case "healthz", "livez" -> Responses.text(exchange, 200, "ok");
      case "readyz" -> {
        if (ready.getAsBoolean()) {
          Responses.text(exchange, 200, "ok");
        } else {
          Responses.text(exchange, 503, "not ready");
        }
      }
      case "version" -> {
        requireGet(exchange);
        Responses.send(exchange, 200, version, ResponseFormat.JSON);
      }
      case "openapi" -> openApi.handle(exchange, parts);
      case "api", "apis" -> api(exchange, parts);
      default -> throw ApiException.notFoundPath();
    }
  }

  private void api(Exchange exchange, List<String> parts) throws InterruptedException {
    boolean core = parts.get(0).equals("api");
    int discoveryDepth = core ? 2 : 3;
    if (parts.size() <= discoveryDepth) {
      requireGet(exchange);
      discovery(exchange, core, parts);
      return;
    }
    RequestPath request = RequestPath.parse(exchange.path())
        .orElseThrow(ApiException::notFoundPath);
    resources.handle(exchange, request);
  }

  private void discovery(Exchange exchange, boolean core, List<String> parts) {
    ResponseFormat format = ResponseFormat.negotiate(exchange.header("Accept").orElse(null));
    Map<String, String> vary = Map.of("Vary", "Accept");
    if (parts.size() == 1) {
      if (format.as() == ResponseFormat.As.DISCOVERY) {
        ObjectNode doc = discovery.aggregated(core, format.asVersion());
        exchange.respond(200, "application/json;g=apidiscovery.k8s.io;v=" + format.asVersion()
            + ";as=APIGroupDiscoveryList", Json.MAPPER.writeValueAsBytes(doc), vary);
        return;
      }
      Responses.send(exchange, 200,
          core ? discovery.apiVersions(serverAddress.get()) : discovery.groupList(),
          plain(format), vary);
      return;
    }
    Optional<ObjectNode> doc;
    if (core) {
      doc = discovery.resourceList("", parts.get(1));
    } else if (parts.size() == 2) {
      doc = discovery.apiGroup(parts.get(1));
    } else {
      doc = discovery.resourceList(parts.get(1), parts.get(2));
    }
    Responses.send(exchange, 200, doc.orElseThrow(ApiException::notFoundPath), plain(format));
  }

  private static ResponseFormat plain(ResponseFormat format) {
    return new ResponseFormat(format.yaml(), ResponseFormat.As.OBJECT, "");
  }

  private void rootPaths(Exchange exchange) {
    ObjectNode doc = Json.object();
    var paths = doc.putArray("paths");
    List.of("/api", "/api/v1", "/apis", "/healthz", "/livez", "/openapi/v2", "/openapi/v3",
        "/readyz", "/version").forEach(paths::add);
    discovery.groups().forEach(g -> {
      paths.add("/apis/" + g);
      paths.add("/apis/" + g + "/v1");
    });
    Responses.send(exchange, 200, doc, ResponseFormat.JSON);
  }

  private static void requireGet(Exchange exchange) {
    if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
      throw ApiException.methodNotAllowed("the server does not allow this method on the requested "
          + "resource");
    }
  }
}

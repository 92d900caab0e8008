package io.capstan.apiserver.http;

import io.capstan.apiserver.ApiSecurity;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.apiserver.guard.AuditLog;
import io.capstan.apiserver.guard.InflightLimiter;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.Lister;
import io.capstan.apiserver.registry.ResourceCatalog;
import io.capstan.apiserver.openapi.OpenApi;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.schema.FieldValidation;
import io.capstan.apiserver.table.TablePrinters;
import io.capstan.apiserver.table.TableRenderer;
import io.capstan.apiserver.watch.WatchCache;
import io.vertx.core.Vertx;
import io.capstan.apiserver.serviceaccount.TokenRequests;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.node.ObjectNode;

/** Assembles the HTTP side of the API server from the registries and the watch cache. */
public final class HttpApi {

  private HttpApi() {}

  /** Builds the handlers, listens, and returns the running frontend with its port. */
  public static Started start(Vertx vertx, ApiServerConfig config, ResourceCatalog catalog,
      Map<ResourceType, GenericRegistry> registries, Lister lister, WatchCache cache,
      FieldValidation fieldValidation, OpenApi openApi, ObjectNode version,
      BooleanSupplier ready, Optional<HttpSecurity> security,
      Optional<TokenRequests> tokenRequests)
      throws InterruptedException {
    Representations representations = new Representations(
        new TableRenderer(TablePrinters.standard(), config.clock()));
    WatchHandler watches = new WatchHandler(cache, representations, config.bookmarkInterval(),
        config.consistentReadTimeout(), config.random());
    SubresourceHandler subresources = new SubresourceHandler(registries, config.clock(),
        tokenRequests, EvictionHandler.of(catalog, registries, lister, config.clock()));
    ResourceHandler resources = new ResourceHandler(catalog, registries, lister, watches,
        subresources, fieldValidation, representations);
    int[] port = {config.port()};
    AccessControl access = security
        .map(s -> AccessControl.of(s.authenticator(), s.authorizer()))
        .orElseGet(AccessControl::open);
    Optional<NodeJoinHandler> join = security.flatMap(s -> s.joinToken()
        .map(token -> new NodeJoinHandler(token, s.ca())));
    Router router = new Router(resources, new Discovery(catalog), new OpenApiEndpoints(openApi),
        version, ready, () -> config.advertisedHost() + ":" + port[0], access, join,
        new InflightLimiter(InflightLimiter.Limits.defaults()));
    Optional<RequestAudit> audit = config.security().flatMap(ApiSecurity::auditLog)
        .map(file -> new RequestAudit(AuditLog.open(file, config.clock(),
            AuditLog.Options.defaults()), config.clock()));
    HttpFrontend frontend = new HttpFrontend(vertx, router, config.maxRequestBytes(), security,
        audit, config.clock());
    port[0] = frontend.listen(config.bindAddress(), config.port());
    return new Started(frontend, port[0]);
  }

  /** A listening frontend. */
  public record Started(HttpFrontend frontend, int port) {}
}

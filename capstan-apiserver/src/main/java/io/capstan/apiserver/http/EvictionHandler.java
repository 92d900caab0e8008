package io.capstan.apiserver.http;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.eviction.PodEviction;
import io.capstan.apiserver.json.Meta;
import io.capstan.apiserver.registry.DeleteOptions;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.Lister;
import io.capstan.apiserver.registry.ResourceCatalog;
import io.capstan.apiserver.registry.ResourceType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST .../pods/NAME/eviction} with a policy/v1 (or v1beta1) Eviction: decodes it and
 * hands it to {@link PodEviction}. The dry-run of the request and of the Eviction's
 * deleteOptions must agree, as upstream's propagateDryRun requires.
 */
final class EvictionHandler {

  private static final List<String> API_VERSIONS = List.of("policy/v1", "policy/v1beta1");

  private final PodEviction eviction;

  private EvictionHandler(PodEviction eviction) {
    this.eviction = eviction;
  }

  /** The handler, when the catalog serves both pods and PodDisruptionBudgets. */
  static Optional<EvictionHandler> of(ResourceCatalog catalog,
      Map<ResourceType, GenericRegistry> registries, Lister lister, Clock clock) {
    Optional<ResourceType> pods = catalog.find("", "v1", "pods");
    Optional<ResourceType> budgets = catalog.find("policy", "v1", "poddisruptionbudgets");
    if (pods.isEmpty() || budgets.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new EvictionHandler(new PodEviction(registries.get(pods.get()),
        registries.get(budgets.get()), lister, clock)));
  }

  void handle(Exchange exchange, RequestPath path, ResponseFormat format) {
    if (!exchange.method().equals("POST")) {
      throw ApiException.methodNotAllowed("eviction supports POST");
    }
    ObjectNode body = BodyDecoder.decodeObject(exchange.body(),
        exchange.header("Content-Type").orElse("application/json"));
    String apiVersion = body.path("apiVersion").asString("");
    String kind = body.path("kind").asString("");
    if ((!apiVersion.isEmpty() && !API_VERSIONS.contains(apiVersion))
        || (!kind.isEmpty() && !kind.equals("Eviction"))) {
      throw ApiException.badRequest("the API version in the data (" + apiVersion
          + ") does not match the expected API version (policy/v1)");
    }
    String namespace = Meta.namespace(body);
    if (!namespace.isEmpty() && !namespace.equals(path.namespace())) {
      throw ApiException.badRequest("the namespace of the provided object does not match the "
          + "namespace sent on the request");
    }
    if (!Meta.name(body).equals(path.name())) {
      throw ApiException.badRequest("name in URL does not match name in Eviction object");
    }
    JsonNode deleteOptions = body.path("deleteOptions");
    String queryDryRun = exchange.query("dryRun").orElse("");
    JsonNode bodyDryRun = deleteOptions.path("dryRun");
    if (!queryDryRun.isEmpty() && bodyDryRun.isArray() && !bodyDryRun.isEmpty()
        && !queryDryRun.equals(bodyDryRun.get(0).asString(""))) {
      throw ApiException.badRequest("Non-matching dry-run options in request and content: ["
          + queryDryRun + "] and " + bodyDryRun);
    }
    // The query's dryRun applies unless the Eviction's own deleteOptions set one.
    DeleteOptions options = RequestOptions.delete(exchange,
        deleteOptions.isObject() ? deleteOptions : null);
    Responses.send(exchange, 201, eviction.evict(path.namespace(), path.name(), options),
        format);
  }
}

package io.capstan.apiserver.http;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.json.Meta;
import io.capstan.apiserver.patch.PatchType;
import io.capstan.apiserver.patch.Patches;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.registry.Unchecked;
import io.capstan.apiserver.selection.LabelSelector;
import io.capstan.apiserver.registry.WriteResult;
import java.time.Clock;
import io.capstan.apiserver.serviceaccount.TokenRequests;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The subresources that are views or actions rather than parts of the object: {@code scale}
 * (an autoscaling/v1 Scale over {@code spec.replicas}), {@code binding} (the scheduler's
 * assignment of a pod to a node), {@code finalize} (namespaces' spec finalizers) and
 * {@code log} (a pod's container log, proxied from its node by {@link PodLogHandler}),
 * {@code token} (a service account's TokenRequest, when the server issues tokens) and
 * {@code eviction} (a pod's deletion within its disruption budget, {@link EvictionHandler}).
 */
final class SubresourceHandler {

  private final Map<ResourceType, GenericRegistry> registries;
  private final Clock clock;
  private final PodLogHandler podLogs;
  private final Optional<TokenRequests> tokenRequests;
  private final Optional<EvictionHandler> evictions;

  SubresourceHandler(Map<ResourceType, GenericRegistry> registries, Clock clock,
      Optional<TokenRequests> tokenRequests, Optional<EvictionHandler> evictions) {
    this.registries = registries;
    this.clock = clock;
    this.podLogs = new PodLogHandler(registries);
    this.tokenRequests = tokenRequests;
    this.evictions = evictions;
  }

  void handle(Exchange exchange, RequestPath path, ResourceType type, ResponseFormat format)
      throws InterruptedException {
    if (!path.hasName()) {
      throw ApiException.notFoundPath();
    }
    GenericRegistry registry = registries.get(type);
    switch (path.subresource()) {
      case "scale" -> scale(exchange, path, registry, format);
      case "binding" -> bind(exchange, path, registry, format);
      case "finalize" -> finalizeNamespace(exchange, path, registry, format);
      case "log" -> podLogs.handle(exchange, path, registry);
      case "token" -> serviceAccountToken(exchange, path, format);
      case "eviction" -> evictions.orElseThrow(ApiException::notFoundPath)
          .handle(exchange, path, format);
      default -> throw ApiException.notFoundPath();
    }
  }

  // ---- scale -------------------------------------------------------------------------------

  private void scale(Exchange exchange, RequestPath path, GenericRegistry registry,
      ResponseFormat format) {
    String method = exchange.method();
    if (method.equals("GET")) {
      ObjectNode object = registry.get(path.namespace(), path.name());
      Responses.send(exchange, 200, toScale(object), format);
      return;
    }
    JsonNode desired;
    ObjectNode current = registry.get(path.namespace(), path.name());
    switch (method) {
      case "PUT" -> desired = BodyDecoder.decodeObject(exchange.body(),
          exchange.header("Content-Type").orElse("application/json"));
      case "PATCH" -> {
        String contentType = exchange.header("Content-Type").orElse("");
        PatchType patchType = PatchType.fromContentType(contentType)
            .orElseThrow(() -> ApiException.unsupportedMediaType(contentType));
        desired = Patches.apply(patchType, toScale(current), exchange.body(),
            io.fabric8.kubernetes.api.model.autoscaling.v1.Scale.class);
      }
      default -> throw ApiException.methodNotAllowed("scale supports GET, PUT and PATCH");
    }
    JsonNode replicas = desired.path("spec").path("replicas");
    if (!replicas.isIntegralNumber()) {
      replicas = Json.MAPPER.getNodeFactory().numberNode(0);
    }
    long value = replicas.asLong();
    String pinned = desired.path("metadata").path("resourceVersion").asString("");
    ResourceType type = registry.type();
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw ApiException.invalid("autoscaling", "Scale", path.name(), java.util.List.of(
          io.capstan.apiserver.errors.FieldError.invalid("spec.replicas", value,
              "must be greater than or equal to 0")));
    }
    WriteResult result = registry.guaranteedUpdate(path.namespace(), path.name(), object -> {
      if (!pinned.isEmpty() && !pinned.equals(Meta.resourceVersion(object))) {
        throw ApiException.staleResourceVersion(type.group(), type.plural(), path.name());
      }
      object.withObjectProperty("spec").put("replicas", (int) value);
      return object;
    }, type.strategy(), RequestOptions.write(exchange));
    Responses.send(exchange, 200, toScale(result.object()), format);
  }

  private static ObjectNode toScale(ObjectNode object) {
    ObjectNode scale = Json.object();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    JsonNode source = object.path("metadata");
    for (String field : new String[] {"name", "namespace", "uid", "resourceVersion",
        "creationTimestamp"}) {
      if (source.has(field)) {
        meta.set(field, source.get(field));
      }
    }
    scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(0));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", object.path("status").path("replicas").asInt(0));
    status.put("selector", LabelSelector.fromJson(object.path("spec").path("selector")).toString());
    return scale;
  }

  // ---- binding -----------------------------------------------------------------------------

  private void bind(Exchange exchange, RequestPath path, GenericRegistry registry,
      ResponseFormat format) {
    if (!exchange.method().equals("POST")) {
      throw ApiException.methodNotAllowed("binding supports POST");
    }
    ObjectNode binding = BodyDecoder.decodeObject(exchange.body(),
        exchange.header("Content-Type").orElse("application/json"));
    String bindingName = Meta.name(binding);
    if (!bindingName.isEmpty() && !bindingName.equals(path.name())) {
      throw ApiException.badRequest("the name of the object (" + bindingName
          + ") does not match the name on the URL (" + path.name() + ")");
    }
    String node = binding.path("target").path("name").asString("");
    if (node.isEmpty()) {
      throw ApiException.invalid("", "Binding", path.name(), java.util.List.of(
          io.capstan.apiserver.errors.FieldError.required("target.name", "")));
    }
    String now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    registry.guaranteedUpdate(path.namespace(), path.name(), pod -> {
      if (Meta.deletionTimestamp(pod).isPresent()) {
        throw ApiException.conflict("", "pods/binding", path.name(), "pod " + path.name()
            + " is being deleted, cannot be assigned to a host");
      }
      String assigned = pod.path("spec").path("nodeName").asString("");
      if (!assigned.isEmpty()) {
        throw ApiException.conflict("", "pods/binding", path.name(), "pod " + path.name()
            + " is already assigned to node \"" + assigned + "\"");
      }
      pod.withObjectProperty("spec").put("nodeName", node);
      setScheduledCondition(pod, now);
      return pod;
    }, Unchecked.INSTANCE, RequestOptions.write(exchange));
    ObjectNode status = Json.object();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success");
    status.put("code", 201);
    Responses.send(exchange, 201, status, format);
  }

  private static void setScheduledCondition(ObjectNode pod, String now) {
    ArrayNode conditions = pod.withObjectProperty("status").withArrayProperty("conditions");
    for (JsonNode condition : conditions) {
      if (condition.path("type").asString("").equals("PodScheduled")) {
        ((ObjectNode) condition).put("status", "True");
        ((ObjectNode) condition).remove("reason");
        ((ObjectNode) condition).remove("message");
        ((ObjectNode) condition).put("lastTransitionTime", now);
        return;
      }
    }
    ObjectNode condition = conditions.addObject();
    condition.put("type", "PodScheduled");
    condition.put("status", "True");
    condition.putNull("lastProbeTime");
    condition.put("lastTransitionTime", now);
  }

  // ---- token -------------------------------------------------------------------------------

  /** A TokenRequest; only a server with security issues tokens, elsewhere there is no path. */
  private void serviceAccountToken(Exchange exchange, RequestPath path, ResponseFormat format) {
    TokenRequests requests = tokenRequests.orElseThrow(ApiException::notFoundPath);
    if (!exchange.method().equals("POST")) {
      throw ApiException.methodNotAllowed("token supports POST");
    }
    ObjectNode body = BodyDecoder.decodeObject(exchange.body(),
        exchange.header("Content-Type").orElse("application/json"));
    TokenRequests.Issued issued = requests.create(path.namespace(), path.name(), body);
    Map<String, String> headers = issued.warnings().isEmpty() ? Map.of()
        : Map.of("Warning", Warnings.header(issued.warnings()));
    Responses.send(exchange, 201, issued.tokenRequest(), format, headers);
  }

  // ---- finalize ----------------------------------------------------------------------------

  private void finalizeNamespace(Exchange exchange, RequestPath path, GenericRegistry registry,
      ResponseFormat format) {
    if (!exchange.method().equals("PUT")) {
      throw ApiException.methodNotAllowed("finalize supports PUT");
    }
    ObjectNode body = BodyDecoder.decodeObject(exchange.body(),
        exchange.header("Content-Type").orElse("application/json"));
    JsonNode finalizers = body.path("spec").path("finalizers");
    WriteResult result = registry.guaranteedUpdate("", path.name(), namespace -> {
      ObjectNode spec = namespace.withObjectProperty("spec");
      if (finalizers.isArray()) {
        spec.set("finalizers", finalizers.deepCopy());
      } else {
        spec.remove("finalizers");
      }
      return namespace;
    }, Unchecked.INSTANCE, RequestOptions.write(exchange));
    Responses.send(exchange, 200, result.object(), format);
  }
}

package io.capstan.apiserver.registry;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Meta;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' deletion rules: an object with finalizers, a pod on a node with a grace period, or a
 * namespace with spec finalizers is only marked (deletionTimestamp set) and goes away once the
 * finalizers are gone or the node agent confirms; everything else is removed at once.
 */
final class Deletion {

  static final String ORPHAN = "orphan";
  static final String FOREGROUND = "foregroundDeletion";

  private Deletion() {}

  /**
   * Marks {@code object} for deletion in place.
   *
   * @return true if the deletion is pending (write the marked object), false to remove it now
   */
  static boolean mark(ResourceType type, ObjectNode object, DeleteOptions options, Instant now) {
    ObjectNode meta = Meta.metadata(object);
    addPropagationFinalizer(meta, options.propagationPolicy());
    boolean marked = Meta.deletionTimestamp(object).isPresent();
    long grace = isPod(type) ? podGracePeriod(object, options) : 0;
    if (isPod(type) && grace > 0) {
      long current = meta.path("deletionGracePeriodSeconds").asLong(Long.MAX_VALUE);
      if (!marked || grace < current) {
        meta.put("deletionTimestamp", GenericRegistry.timestamp(now.plusSeconds(grace)));
        meta.put("deletionGracePeriodSeconds", grace);
      }
      return true;
    }
    if (isPod(type) && marked && grace == 0) {
      meta.put("deletionGracePeriodSeconds", 0);
    }
    boolean namespaceFinalizers = isNamespace(type) && hasSpecFinalizers(object);
    if (Meta.hasFinalizers(object) || namespaceFinalizers) {
      if (!marked) {
        meta.put("deletionTimestamp", GenericRegistry.timestamp(now));
        meta.put("deletionGracePeriodSeconds", 0);
      }
      if (isNamespace(type)) {
        ((ObjectNode) object.withObjectProperty("status")).put("phase", "Terminating");
      }
      return true;
    }
    return false;
  }

  /** Whether an update has left a marked object with nothing to wait for. */
  static boolean readyToRemove(ResourceType type, ObjectNode object) {
    if (Meta.deletionTimestamp(object).isEmpty() || Meta.hasFinalizers(object)) {
      return false;
    }
    if (isNamespace(type) && hasSpecFinalizers(object)) {
      return false;
    }
    JsonNode grace = object.path("metadata").path("deletionGracePeriodSeconds");
    return !grace.isNumber() || grace.asLong() == 0;
  }

  private static void addPropagationFinalizer(ObjectNode meta, Optional<String> policy) {
    if (policy.isEmpty()) {
      return;
    }
    String finalizer = switch (policy.get()) {
      case "Orphan" -> ORPHAN;
      case "Foreground" -> FOREGROUND;
      case "Background" -> null;
      default -> throw ApiException.badRequest("unsupported propagationPolicy \""
          + policy.get() + "\": supported values: \"Background\", \"Foreground\", \"Orphan\"");
    };
    if (finalizer == null) {
      return;
    }
    ArrayNode finalizers = meta.withArrayProperty("finalizers");
    for (JsonNode f : finalizers) {
      if (f.asString("").equals(finalizer)) {
        return;
      }
    }
    finalizers.add(finalizer);
  }

  private static long podGracePeriod(ObjectNode pod, DeleteOptions options) {
    JsonNode spec = pod.path("spec");
    String phase = pod.path("status").path("phase").asString("");
    if (spec.path("nodeName").asString("").isEmpty()
        || phase.equals("Succeeded") || phase.equals("Failed")) {
      return 0;
    }
    long grace = options.gracePeriodSeconds()
        .orElse(spec.path("terminationGracePeriodSeconds").asLong(30));
    return Math.max(grace, 0);
  }

  private static boolean hasSpecFinalizers(ObjectNode object) {
    JsonNode finalizers = object.path("spec").path("finalizers");
    return finalizers.isArray() && !finalizers.isEmpty();
  }

  private static boolean isPod(ResourceType type) {
    return type.group().isEmpty() && type.kind().equals("Pod");
  }

  private static boolean isNamespace(ResourceType type) {
    return type.group().isEmpty() && type.kind().equals("Namespace");
  }
}

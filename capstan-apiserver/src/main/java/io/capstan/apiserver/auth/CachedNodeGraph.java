package io.capstan.apiserver.auth;

import io.capstan.apiserver.watch.CachedObject;
import io.capstan.apiserver.watch.WatchCache;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The {@link NodeGraph} read from the watch cache's current pods. A node learns of a pod through a
 * watch served by the same cache, so by the time it asks for what the pod references, the pod is
 * already here. Each question scans only the pods of one namespace: nodes ask rarely (when a pod
 * starts), and a separate index would be one more thing to keep consistent.
 */
public final class CachedNodeGraph implements NodeGraph {

  private final WatchCache cache;
  private final String podKeyPrefix;

  /** {@code podKeyPrefix} is where pods live in the store, e.g. {@code /registry/pods/}. */
  public CachedNodeGraph(WatchCache cache, String podKeyPrefix) {
    this.cache = cache;
    this.podKeyPrefix = podKeyPrefix;
  }

  @Override
  public boolean isPodBoundTo(String namespace, String pod, String node) {
    Optional<CachedObject> found = cache.get(podKeyPrefix + namespace + "/" + pod);
    return found.isPresent() && node.equals(nodeName(found.get().object()));
  }

  @Override
  public boolean isReferencedByPodsOf(String node, Reference kind, String namespace, String name) {
    for (CachedObject pod : cache.list(podKeyPrefix + namespace + "/").items()) {
      if (node.equals(nodeName(pod.object())) && references(pod.object(), kind, name)) {
        return true;
      }
    }
    return false;
  }

  private static String nodeName(JsonNode pod) {
    return pod.path("spec").path("nodeName").asString("");
  }

  static boolean references(JsonNode pod, Reference kind, String name) {
    JsonNode spec = pod.path("spec");
    return switch (kind) {
      case SERVICE_ACCOUNT -> name.equals(serviceAccount(spec));
      case CONFIG_MAP -> volumesReference(spec, "configMap", "name", name)
          || containersReference(spec, "configMapKeyRef", "configMapRef", name);
      case SECRET -> volumesReference(spec, "secret", "secretName", name)
          || containersReference(spec, "secretKeyRef", "secretRef", name)
          || named(spec.path("imagePullSecrets"), name);
    };
  }

  private static String serviceAccount(JsonNode spec) {
    String account = spec.path("serviceAccountName").asString("");
    return account.isEmpty() ? "default" : account;
  }

  /** A volume of the kind, or a projected volume's source of the kind, names it. */
  private static boolean volumesReference(JsonNode spec, String volumeKind, String nameField,
      String name) {
    for (JsonNode volume : spec.path("volumes")) {
      if (name.equals(volume.path(volumeKind).path(nameField).asString(null))) {
        return true;
      }
      for (JsonNode source : volume.path("projected").path("sources")) {
        // Projected sources name their object "name" whatever the kind.
        if (name.equals(source.path(volumeKind).path("name").asString(null))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean containersReference(JsonNode spec, String keyRef, String fromRef,
      String name) {
    for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
      for (JsonNode container : spec.path(list)) {
        for (JsonNode env : container.path("env")) {
          if (name.equals(env.path("valueFrom").path(keyRef).path("name").asString(null))) {
            return true;
          }
        }
        for (JsonNode from : container.path("envFrom")) {
          if (name.equals(from.path(fromRef).path("name").asString(null))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean named(JsonNode references, String name) {
    for (JsonNode reference : references) {
      if (name.equals(reference.path("name").asString(null))) {
        return true;
      }
    }
    return false;
  }
}

package io.capstan.apiserver.schema;

import io.capstan.apiserver.patch.PatchMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI extensions that tell clients how a field merges: the strategic-merge-patch ones
 * ({@code x-kubernetes-patch-strategy}, {@code x-kubernetes-patch-merge-key}), which kubectl uses
 * to compute {@code apply} patches, and the server-side-apply ones
 * ({@code x-kubernetes-list-type}, {@code x-kubernetes-list-map-keys}).
 *
 * <p>The list type follows from the merge strategy: a list merged by key is a {@code map} list
 * keyed by it, a list of primitives merged by value is a {@code set}. Kubernetes keys a few
 * lists by more than their merge key (a container port is identified by port and protocol);
 * those are listed here.
 */
final class ListSemantics {

  private static final Map<String, List<String>> MAP_KEYS = Map.of(
      "Container.ports", List.of("containerPort", "protocol"),
      "EphemeralContainer.ports", List.of("containerPort", "protocol"),
      "ServiceSpec.ports", List.of("port", "protocol"));

  private ListSemantics() {}

  /** The extensions of field {@code json} of the fabric8 class {@code owner}, sorted by name. */
  static Map<String, Object> extensions(String owner, String json, PatchMeta.FieldMeta meta) {
    var extensions = new LinkedHashMap<String, Object>();
    if (meta.merge() && meta.mergeKey().isPresent()) {
      extensions.put("x-kubernetes-list-map-keys", MAP_KEYS.getOrDefault(owner + "." + json,
          List.of(meta.mergeKey().get())));
      extensions.put("x-kubernetes-list-type", "map");
    } else if (meta.merge()) {
      extensions.put("x-kubernetes-list-type", "set");
    }
    meta.mergeKey().ifPresent(key -> extensions.put("x-kubernetes-patch-merge-key", key));
    if (!meta.strategy().isEmpty()) {
      extensions.put("x-kubernetes-patch-strategy", meta.strategy());
    }
    return extensions;
  }
}

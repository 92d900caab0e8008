package io.capstan.apiserver.patch;

import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' strategic-merge-patch metadata (the {@code patchStrategy} and {@code patchMergeKey}
 * struct tags of the Go types, published in OpenAPI as {@code x-kubernetes-patch-strategy} and
 * {@code x-kubernetes-patch-merge-key}) for the types Capstan serves. The fabric8 model does not
 * carry these tags, so they are listed here, keyed by the fabric8 class's simple name and the JSON
 * field name. Fields not listed are replaced wholesale by a patch (lists are atomic).
 */
public final class PatchMeta {

  /**
   * How one field merges.
   *
   * @param merge lists merge element by element (by {@code mergeKey}, or by value for lists of
   *     primitives) instead of being replaced
   * @param retainKeys the {@code retainKeys} strategy: keys absent from the patch are cleared
   * @param mergeKey the key identifying list elements, empty for primitive lists
   */
  public record FieldMeta(boolean merge, boolean retainKeys, Optional<String> mergeKey) {

    /** The OpenAPI {@code x-kubernetes-patch-strategy} value, e.g. {@code merge,retainKeys}. */
    public String strategy() {
      if (merge && retainKeys) {
        return "merge,retainKeys";
      }
      return merge ? "merge" : retainKeys ? "retainKeys" : "";
    }
  }

  private static FieldMeta mergeBy(String key) {
    return new FieldMeta(true, false, Optional.of(key));
  }

  private static final FieldMeta MERGE_PRIMITIVES = new FieldMeta(true, false, Optional.empty());
  private static final FieldMeta RETAIN_KEYS = new FieldMeta(false, true, Optional.empty());

  private static final Map<String, FieldMeta> FIELDS = Map.ofEntries(
      // core/v1 PodSpec
      Map.entry("PodSpec.volumes", new FieldMeta(true, true, Optional.of("name"))),
      Map.entry("PodSpec.initContainers", mergeBy("name")),
      Map.entry("PodSpec.containers", mergeBy("name")),
      Map.entry("PodSpec.ephemeralContainers", mergeBy("name")),
      Map.entry("PodSpec.imagePullSecrets", mergeBy("name")),
      Map.entry("PodSpec.hostAliases", mergeBy("ip")),
      Map.entry("PodSpec.topologySpreadConstraints", mergeBy("topologyKey")),
      Map.entry("PodSpec.resourceClaims", new FieldMeta(true, true, Optional.of("name"))),
      Map.entry("PodSpec.schedulingGates", mergeBy("name")),
      // core/v1 Container and EphemeralContainer
      Map.entry("Container.ports", mergeBy("containerPort")),
      Map.entry("Container.env", mergeBy("name")),
      Map.entry("Container.volumeMounts", mergeBy("mountPath")),
      Map.entry("Container.volumeDevices", mergeBy("devicePath")),
      Map.entry("EphemeralContainer.ports", mergeBy("containerPort")),
      Map.entry("EphemeralContainer.env", mergeBy("name")),
      Map.entry("EphemeralContainer.volumeMounts", mergeBy("mountPath")),
      Map.entry("EphemeralContainer.volumeDevices", mergeBy("devicePath")),
      // core/v1 status types
      Map.entry("PodStatus.conditions", mergeBy("type")),
      Map.entry("PodStatus.podIPs", mergeBy("ip")),
      Map.entry("PodStatus.hostIPs", mergeBy("ip")),
      Map.entry("PodStatus.resourceClaimStatuses", new FieldMeta(true, true, Optional.of("name"))),
      Map.entry("NodeStatus.conditions", mergeBy("type")),
      Map.entry("NodeStatus.addresses", mergeBy("type")),
      Map.entry("NodeSpec.podCIDRs", MERGE_PRIMITIVES),
      Map.entry("ServiceSpec.ports", mergeBy("port")),
      Map.entry("ServiceStatus.conditions", mergeBy("type")),
      Map.entry("NamespaceStatus.conditions", mergeBy("type")),
      Map.entry("PersistentVolumeClaimStatus.conditions", mergeBy("type")),
      Map.entry("ReplicationControllerStatus.conditions", mergeBy("type")),
      Map.entry("ServiceAccount.secrets", mergeBy("name")),
      // meta/v1
      Map.entry("ObjectMeta.finalizers", MERGE_PRIMITIVES),
      Map.entry("ObjectMeta.ownerReferences", mergeBy("uid")),
      // apps/v1
      Map.entry("DeploymentSpec.strategy", RETAIN_KEYS),
      Map.entry("DeploymentStatus.conditions", mergeBy("type")),
      Map.entry("ReplicaSetStatus.conditions", mergeBy("type")),
      Map.entry("DaemonSetStatus.conditions", mergeBy("type")),
      Map.entry("StatefulSetStatus.conditions", mergeBy("type")));

  private PatchMeta() {}

  /** The metadata of {@code jsonField} on the fabric8 class named {@code ownerSimpleName}. */
  public static Optional<FieldMeta> of(String ownerSimpleName, String jsonField) {
    return Optional.ofNullable(FIELDS.get(ownerSimpleName + "." + jsonField));
  }

  public static Optional<FieldMeta> of(Class<?> owner, String jsonField) {
    return of(owner.getSimpleName(), jsonField);
  }
}

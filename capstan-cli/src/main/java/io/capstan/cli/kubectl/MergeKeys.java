package io.capstan.cli.kubectl;

import java.util.List;
import java.util.Optional;

/**
 * How kubectl's strategic merge treats a list, by where it sits in an object: lists of
 * containers, ports, env, volumes and volume mounts merge element by element under their merge
 * key (the {@code patchMergeKey} tags of the Kubernetes types, as in the server's
 * {@code PatchMeta}); every other list is replaced whole. {@code path} is the chain of field names
 * from the object's root, list positions left out, so the containers of a Deployment are at
 * {@code spec, template, spec, containers}.
 */
final class MergeKeys {

  private MergeKeys() {}

  /** What one list does in a strategic merge. */
  sealed interface ListKind {}

  /** Replaced whole by a patch. */
  record Atomic() implements ListKind {}

  /** Elements merged by the value of {@code key}. */
  record ByKey(String key) implements ListKind {}

  /** A set of primitive values, merged by value (such as {@code metadata.finalizers}). */
  record Primitives() implements ListKind {}

  private static final List<String> CONTAINER_LISTS =
      List.of("containers", "initContainers", "ephemeralContainers");

  /** The treatment of the list at {@code path} in an object of {@code kind}. */
  static ListKind of(String kind, List<String> path) {
    if (path.isEmpty()) {
      return new Atomic();
    }
    String field = path.getLast();
    List<String> parent = path.subList(0, path.size() - 1);
    boolean inContainer = !parent.isEmpty() && CONTAINER_LISTS.contains(parent.getLast());
    boolean inPodSpec = isPodSpec(kind, parent);
    if (inContainer) {
      return switch (field) {
        case "ports" -> new ByKey("containerPort");
        case "env" -> new ByKey("name");
        case "volumeMounts" -> new ByKey("mountPath");
        case "volumeDevices" -> new ByKey("devicePath");
        default -> new Atomic();
      };
    }
    if (inPodSpec) {
      return switch (field) {
        case "containers", "initContainers", "ephemeralContainers", "volumes", "imagePullSecrets",
            "schedulingGates", "resourceClaims" -> new ByKey("name");
        case "hostAliases" -> new ByKey("ip");
        case "topologySpreadConstraints" -> new ByKey("topologyKey");
        default -> new Atomic();
      };
    }
    if (parent.equals(List.of("metadata"))) {
      return switch (field) {
        case "finalizers" -> new Primitives();
        case "ownerReferences" -> new ByKey("uid");
        default -> new Atomic();
      };
    }
    if (kind.equals("Service") && path.equals(List.of("spec", "ports"))) {
      return new ByKey("port");
    }
    if (kind.equals("ServiceAccount") && path.equals(List.of("secrets"))) {
      return new ByKey("name");
    }
    return new Atomic();
  }

  /** Whether {@code path} is a pod spec: a Pod's, or a workload's or template's pod template's. */
  private static boolean isPodSpec(String kind, List<String> path) {
    return switch (kind) {
      case "Pod" -> path.equals(List.of("spec"));
      case "PodTemplate" -> path.equals(List.of("template", "spec"));
      case "CronJob" -> path.equals(List.of("spec", "jobTemplate", "spec", "template", "spec"));
      default -> path.equals(List.of("spec", "template", "spec"));
    };
  }

  static Optional<String> keyOf(ListKind kind) {
    return kind instanceof ByKey(String key) ? Optional.of(key) : Optional.empty();
  }
}

package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.resources.validation.Names;
import java.util.Set;

/** Kinds of resource names ({@code pkg/apis/core/helper}). */
final class ResourceNames {

  private static final Set<String> STANDARD = Set.of("cpu", "memory", "ephemeral-storage",
      "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu",
      "limits.memory", "limits.ephemeral-storage", "pods", "services", "replicationcontrollers",
      "resourcequotas", "secrets", "persistentvolumeclaims", "storage", "requests.storage",
      "services.nodeports", "services.loadbalancers", "configmaps");
  private static final Set<String> STANDARD_CONTAINER = Set.of("cpu", "memory",
      "ephemeral-storage");

  private ResourceNames() {}

  static boolean isHugePages(String name) {
    return name.startsWith("hugepages-");
  }

  static boolean isStandard(String name) {
    return STANDARD.contains(name) || isHugePages(name) || name.startsWith("requests.hugepages-");
  }

  static boolean isStandardContainer(String name) {
    return STANDARD_CONTAINER.contains(name) || isHugePages(name);
  }

  /** Unprefixed names and names in a {@code kubernetes.io/} domain. */
  static boolean isNative(String name) {
    return !name.contains("/") || name.contains("kubernetes.io/");
  }

  static boolean isExtended(String name) {
    if (isNative(name) || name.startsWith("requests.")) {
      return false;
    }
    return Names.qualifiedName("requests." + name).isEmpty();
  }

  /** Extended resources (and counted objects) must be whole numbers. */
  static boolean isInteger(String name) {
    return isExtended(name) || Set.of("pods", "services", "replicationcontrollers",
        "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims",
        "services.nodeports", "services.loadbalancers").contains(name);
  }

  /** Only native, non-hugepage resources may request less than their limit. */
  static boolean isOvercommitAllowed(String name) {
    return isNative(name) && !isHugePages(name);
  }
}

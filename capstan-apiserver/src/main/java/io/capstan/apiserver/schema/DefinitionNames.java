package io.capstan.apiserver.schema;

import java.util.Set;

/**
 * Maps fabric8 model classes to the definition names Kubernetes publishes for the same Go types.
 *
 * <p>fabric8 keeps core/v1 and meta/v1 types together in {@code io.fabric8.kubernetes.api.model};
 * the meta/v1 ones are told apart by name. Other groups live in
 * {@code io.fabric8.kubernetes.api.model.<group>[.<version>]}, which maps to
 * {@code io.k8s.api.<group>.<version>} ({@code v1} when fabric8 leaves the version out, as it
 * does for {@code apps}).
 */
final class DefinitionNames {

  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  static final String CORE = "io.k8s.api.core.v1.";

  private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";

  /** The meta/v1 types fabric8 keeps beside the core/v1 ones. */
  private static final Set<String> META_V1 = Set.of(
      "APIGroup", "APIGroupList", "APIResource", "APIResourceList", "APIVersions", "Condition",
      "CreateOptions", "DeleteOptions", "Duration", "FieldsV1", "GetOptions",
      "GroupVersionForDiscovery", "LabelSelector", "LabelSelectorRequirement", "ListMeta",
      "ListOptions", "ManagedFieldsEntry", "MicroTime", "ObjectMeta", "OwnerReference",
      "PartialObjectMetadata", "PartialObjectMetadataList", "Patch", "PatchOptions",
      "Preconditions", "RootPaths", "ServerAddressByClientCIDR", "Status", "StatusCause",
      "StatusDetails", "Time", "TypeMeta", "UpdateOptions", "WatchEvent");

  private DefinitionNames() {}

  /** The definition name of a fabric8 model class, e.g. {@code io.k8s.api.apps.v1.Deployment}. */
  static String of(Class<?> modelClass) {
    String pkg = modelClass.getPackageName();
    String simple = modelClass.getSimpleName();
    if (pkg.equals(FABRIC8)) {
      return (META_V1.contains(simple) ? META : CORE) + simple;
    }
    if (pkg.equals(FABRIC8 + ".runtime")) {
      return "io.k8s.apimachinery.pkg.runtime." + simple;
    }
    if (pkg.equals(FABRIC8 + ".version")) {
      return "io.k8s.apimachinery.pkg.version." + simple;
    }
    if (pkg.startsWith(FABRIC8 + ".")) {
      String[] parts = pkg.substring(FABRIC8.length() + 1).split("\\.");
      String group = parts[0];
      String version = parts.length > 1 ? parts[1] : "v1";
      return "io.k8s.api." + group + "." + version + "." + simple;
    }
    return modelClass.getName();
  }
}

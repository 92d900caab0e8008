package io.capstan.cli.kubectl;

import java.util.List;

/** One resource of the server's discovery documents ({@code /api/v1}, {@code /apis/G/V}). */
record ApiResource(String name, String singular, String kind, List<String> shortNames,
    String group, String version, boolean namespaced) {

  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code deployments.apps}, or {@code pods} for the core group, as kubectl names it in errors. */
  String qualifiedName() {
    return group.isEmpty() ? name : name + "." + group;
  }

  /** {@code deployment.apps}, the prefix of {@code -o name}. */
  String qualifiedKind() {
    String lower = kind.toLowerCase(java.util.Locale.ROOT);
    return group.isEmpty() ? lower : lower + "." + group;
  }

  /** The collection's path, in one namespace or (for {@code null}) across all of them. */
  String collectionPath(String namespace) {
    String prefix = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    return namespaced && namespace != null
        ? prefix + "/namespaces/" + namespace + "/" + name
        : prefix + "/" + name;
  }
}

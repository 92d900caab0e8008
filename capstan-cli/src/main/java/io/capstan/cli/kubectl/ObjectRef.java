package io.capstan.cli.kubectl;

/**
 * One object the command acts on: its type, its namespace ({@code null} for cluster-scoped types)
 * and its name.
 */
record ObjectRef(ApiResource type, String namespace, String name) {

  /** The object's path, such as {@code /apis/apps/v1/namespaces/default/deployments/web}. */
  String path() {
    return type.collectionPath(type.namespaced() ? namespace : null) + "/" + name;
  }

  /** A subresource's path, such as {@code .../deployments/web/scale}. */
  String path(String subresource) {
    return path() + "/" + subresource;
  }

  /** {@code deployment.apps/web}, as kubectl names objects in its messages. */
  String display() {
    return type.qualifiedKind() + "/" + name;
  }
}

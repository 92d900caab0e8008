package io.capstan.apiserver.registry;

/**
 * Store keys: {@code /registry/<group>/<plural>/<namespace>/<name>} for namespaced objects and
 * {@code /registry/<group>/<plural>/<name>} for cluster-scoped ones, so that one prefix scan lists a
 * type, or a type within a namespace.
 */
public final class ObjectKeys {

  private ObjectKeys() {}

  public static String key(ResourceType type, String namespace, String name) {
    return type.namespaced()
        ? type.keyPrefix() + namespace + "/" + name
        : type.keyPrefix() + name;
  }

  /** The prefix of all objects of a type, or of a type in one namespace. */
  public static String prefix(ResourceType type, String namespace) {
    return type.namespaced() && !namespace.isEmpty()
        ? type.keyPrefix() + namespace + "/"
        : type.keyPrefix();
  }
}

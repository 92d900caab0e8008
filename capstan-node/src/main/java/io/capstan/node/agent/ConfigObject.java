package io.capstan.node.agent;

/**
 * One ConfigMap or Secret a pod reads, named as the node authorizer sees it: kind, namespace and
 * name. The agent watches each such object on its own.
 */
record ConfigObject(ConfigReferences.Kind kind, String namespace, String name) {

  /** {@code namespace/name}, the informer cache key and what change listeners receive. */
  String key() {
    return namespace + "/" + name;
  }

  /** The kubelet's word for the kind in messages: {@code configmap} or {@code secret}. */
  String kindName() {
    return kind == ConfigReferences.Kind.CONFIG_MAP ? "configmap" : "secret";
  }

  @Override
  public String toString() {
    return kindName() + " " + key();
  }
}

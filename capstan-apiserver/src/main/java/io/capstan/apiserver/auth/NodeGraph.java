package io.capstan.apiserver.auth;

/**
 * What the node authorizer needs to know about the cluster's current state, the way Kubernetes'
 * Node authorizer keeps a graph of pods and what they reference. Implemented over the store.
 */
public interface NodeGraph {

  /** The kinds of object a pod can reference that its node may then read. */
  enum Reference { CONFIG_MAP, SECRET, SERVICE_ACCOUNT }

  /** Whether pod {@code namespace/pod} exists and its {@code spec.nodeName} is {@code node}. */
  boolean isPodBoundTo(String namespace, String pod, String node);

  /**
   * Whether some pod bound to {@code node} references {@code namespace/name} as {@code kind}:
   * through a volume, an env or envFrom source, a projected volume, or {@code
   * spec.serviceAccountName} (and image pull secrets for secrets).
   */
  boolean isReferencedByPodsOf(String node, Reference kind, String namespace, String name);
}

package io.capstan.node.runtime;

/**
 * Which pod a sandbox belongs to (CRI's PodSandboxMetadata). {@code attempt} counts sandboxes
 * created for the same pod uid, starting at 0.
 */
public record PodRef(String namespace, String name, String uid, int attempt) {

  /** {@code namespace/name}, for messages. */
  public String key() {
    return namespace + "/" + name;
  }
}

package io.capstan.runtime.containerd;

/** A container's {@code imagePullPolicy}. */
public enum PullPolicy {
  ALWAYS("Always"),
  IF_NOT_PRESENT("IfNotPresent"),
  NEVER("Never");

  private final String kubernetesName;

  PullPolicy(String kubernetesName) {
    this.kubernetesName = kubernetesName;
  }

  public String kubernetesName() {
    return kubernetesName;
  }

  /** The policy named as in a pod spec; an unknown or empty name reads as {@code IfNotPresent}. */
  public static PullPolicy fromKubernetes(String name) {
    for (PullPolicy policy : values()) {
      if (policy.kubernetesName.equals(name)) {
        return policy;
      }
    }
    return IF_NOT_PRESENT;
  }
}

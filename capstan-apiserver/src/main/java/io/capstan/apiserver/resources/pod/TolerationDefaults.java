package io.capstan.apiserver.resources.pod;

/**
 * How long a new pod tolerates its node being not ready or unreachable before the taint-based
 * eviction removes it: the DefaultTolerationSeconds admission plugin's {@code
 * --default-not-ready-toleration-seconds} and {@code --default-unreachable-toleration-seconds}.
 */
public record TolerationDefaults(long notReadySeconds, long unreachableSeconds) {

  /** Kubernetes' defaults: five minutes each. */
  public static final TolerationDefaults STANDARD = new TolerationDefaults(300, 300);

  public TolerationDefaults {
    if (notReadySeconds < 0 || unreachableSeconds < 0) {
      throw new IllegalArgumentException("toleration seconds must not be negative");
    }
  }
}

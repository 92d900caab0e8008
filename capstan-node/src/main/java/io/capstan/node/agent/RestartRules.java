package io.capstan.node.agent;

/**
 * The kubelet's restart-policy decisions for a container that exited. A regular container
 * restarts under {@code Always}, or under {@code OnFailure} when it failed; an init container that
 * failed restarts unless the pod's policy is {@code Never}, which fails the pod instead.
 */
final class RestartRules {

  /** What happens to an exited container. */
  enum Decision {
    /** Start it again (after the crash-loop back-off). */
    RESTART,
    /** Leave it terminated; the pod goes on (or ends). */
    KEEP_TERMINATED,
    /** A failed init container under {@code Never}: the pod is Failed. */
    FAIL_POD
  }

  private RestartRules() {}

  static Decision afterExit(String restartPolicy, boolean initContainer, int exitCode) {
    String policy = restartPolicy == null ? "Always" : restartPolicy;
    if (initContainer) {
      if (exitCode == 0) {
        return Decision.KEEP_TERMINATED;
      }
      return policy.equals("Never") ? Decision.FAIL_POD : Decision.RESTART;
    }
    return switch (policy) {
      case "Never" -> Decision.KEEP_TERMINATED;
      case "OnFailure" -> exitCode == 0 ? Decision.KEEP_TERMINATED : Decision.RESTART;
      default -> Decision.RESTART;
    };
  }
}

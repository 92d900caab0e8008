package io.capstan.node.agent;

import java.util.Optional;

/**
 * What the pod status shows of one container: an immutable snapshot the agent takes from its
 * records, from which {@link PodStatusCalculator} derives the Kubernetes status.
 */
record ContainerView(
    String name,
    String image,
    String imageId,
    Optional<String> containerId,
    int restartCount,
    RunState state,
    Optional<RunState.Terminated> lastState,
    boolean ready,
    boolean started) {

  /** Exited with code 0 (an init container that completed). */
  boolean succeeded() {
    return state instanceof RunState.Terminated t && t.exitCode() == 0;
  }

  /** Has run and is not running now: terminated, or waiting to restart after an exit. */
  boolean stopped() {
    return state instanceof RunState.Terminated
        || (state instanceof RunState.Waiting && lastState.isPresent());
  }
}

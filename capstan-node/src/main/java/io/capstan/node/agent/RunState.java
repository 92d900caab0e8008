package io.capstan.node.agent;

import java.time.Instant;
import java.util.Optional;

/** The state of one container as the pod status shows it (Kubernetes' ContainerState). */
sealed interface RunState {

  /** Not running: why, e.g. {@code ContainerCreating}, {@code CrashLoopBackOff}. */
  record Waiting(String reason, Optional<String> message) implements RunState {

    static Waiting of(String reason) {
      return new Waiting(reason, Optional.empty());
    }

    static Waiting of(String reason, String message) {
      return new Waiting(reason, Optional.ofNullable(message).filter(m -> !m.isEmpty()));
    }
  }

  record Running(Instant startedAt) implements RunState {}

  /** One finished run of a container. */
  record Terminated(int exitCode, String reason, Optional<String> message, Instant startedAt,
      Instant finishedAt, Optional<String> containerId) implements RunState {}
}

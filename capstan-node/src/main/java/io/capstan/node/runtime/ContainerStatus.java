package io.capstan.node.runtime;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the runtime knows about one container (CRI's ContainerStatus). Times are empty until they
 * happened; {@code exitCode} is meaningful once the state is {@link ContainerState#EXITED}, with
 * {@code reason} {@code Completed} (exit 0), {@code Error}, or {@code OOMKilled} where the runtime
 * can tell.
 */
public record ContainerStatus(
    String id,
    String sandboxId,
    String name,
    int attempt,
    ContainerState state,
    Instant createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    int exitCode,
    String reason,
    String message,
    String image,
    Path logPath,
    Map<String, String> labels,
    Map<String, String> annotations) {

  public ContainerStatus {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }
}

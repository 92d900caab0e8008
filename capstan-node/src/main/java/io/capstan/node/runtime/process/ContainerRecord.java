package io.capstan.node.runtime.process;

import io.capstan.node.runtime.ContainerConfig;
import io.capstan.node.runtime.ContainerState;
import io.capstan.node.runtime.ContainerStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A container as persisted in {@code <state>/containers/<id>.json}. {@code pid},
 * {@code processGroup} and {@code pidStartTime} identify the running process across an agent
 * restart (0 before it started); {@code processGroup} equals {@code pid} when the process leads
 * its own session. {@code createdPaths} are the mount points the runtime made on the host, parents
 * first, to remove again with the container. Times are null until they happened.
 */
record ContainerRecord(
    String id,
    String sandboxId,
    ContainerConfig config,
    Path logFile,
    Instant createdAt,
    ContainerState state,
    MountIsolation isolation,
    long pid,
    long processGroup,
    long pidStartTime,
    Instant startedAt,
    Instant finishedAt,
    int exitCode,
    String reason,
    String message,
    List<String> createdPaths) {

  ContainerRecord {
    createdPaths = List.copyOf(createdPaths);
    reason = reason == null ? "" : reason;
    message = message == null ? "" : message;
  }

  static ContainerRecord created(
      String id, String sandboxId, ContainerConfig config, Path logFile, Instant now) {
    return new ContainerRecord(
        id, sandboxId, config, logFile, now, ContainerState.CREATED, MountIsolation.NONE, 0, 0, 0,
        null, null, 0, "", "", List.of());
  }

  ContainerRecord started(
      ProcStat process, MountIsolation usedIsolation, List<String> paths, Instant now) {
    return new ContainerRecord(
        id, sandboxId, config, logFile, createdAt, ContainerState.RUNNING, usedIsolation,
        process.pid(), process.processGroup(), process.startTime(), now, null, 0, "", "", paths);
  }

  ContainerRecord exited(int code, String exitReason, String exitMessage, Instant now) {
    return new ContainerRecord(
        id, sandboxId, config, logFile, createdAt, ContainerState.EXITED, isolation, pid,
        processGroup, pidStartTime, startedAt, now, code, exitReason, exitMessage, createdPaths);
  }

  ContainerRecord withCreatedPaths(List<String> paths) {
    return new ContainerRecord(
        id, sandboxId, config, logFile, createdAt, state, isolation, pid, processGroup,
        pidStartTime, startedAt, finishedAt, exitCode, reason, message, paths);
  }

  ContainerStatus status() {
    return new ContainerStatus(
        id,
        sandboxId,
        config.name(),
        config.attempt(),
        state,
        createdAt,
        Optional.ofNullable(startedAt),
        Optional.ofNullable(finishedAt),
        exitCode,
        reason,
        message,
        config.image(),
        logFile,
        config.labels(),
        config.annotations());
  }
}

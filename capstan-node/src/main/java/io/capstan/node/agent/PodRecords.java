package io.capstan.node.agent;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates the record of a pod the agent first sees. A pod that already has a status (the agent
 * restarted) keeps its start time, conditions and restart counts, and its containers' last runs
 * come from what {@link RuntimeAdoption} found, else from the status; a pod already Succeeded or
 * Failed is final and never runs again. The containers adoption kept running (a terminating pod's)
 * are running in the record, with their sandbox, so the pod's termination stops them.
 */
final class PodRecords {

  private final NodeAgentConfig config;
  private final Clock clock;
  private final Map<String, Map<String, RuntimeAdoption.AdoptedRun>> adopted;
  private final Map<String, RuntimeAdoption.KeptPod> kept;

  PodRecords(NodeAgentConfig config, Clock clock, RuntimeAdoption.Adoption adoption) {
    this.config = config;
    this.clock = clock;
    this.adopted = Map.copyOf(adoption.exits());
    this.kept = Map.copyOf(adoption.kept());
  }

  PodRecord create(Pod pod) {
    Instant now = clock.instant();
    PodRecord record = new PodRecord(pod, config.podLogsDir(), now);
    PodStatus status = pod.getStatus();
    if (status == null) {
      return record;
    }
    record.terminal = "Succeeded".equals(status.getPhase()) || "Failed".equals(status.getPhase());
    parse(status.getStartTime()).ifPresent(start -> record.startTime = start);
    if (status.getConditions() != null) {
      record.conditions = List.copyOf(status.getConditions());
    }
    Map<String, RuntimeAdoption.AdoptedRun> runs = adopted.getOrDefault(record.uid, Map.of());
    List<ContainerStatus> statuses = new ArrayList<>();
    if (status.getInitContainerStatuses() != null) {
      statuses.addAll(status.getInitContainerStatuses());
    }
    if (status.getContainerStatuses() != null) {
      statuses.addAll(status.getContainerStatuses());
    }
    for (ContainerStatus containerStatus : statuses) {
      ContainerRecord container = record.container(containerStatus.getName());
      if (container != null) {
        seed(container, containerStatus, Optional.ofNullable(runs.get(container.name)), now);
      }
    }
    RuntimeAdoption.KeptPod keptPod = kept.get(record.uid);
    if (keptPod != null) {
      record.sandboxId = Optional.of(keptPod.sandboxId());
      record.sandboxAttempt = keptPod.sandboxAttempt() + 1;
      keptPod.runs().forEach((name, run) -> {
        ContainerRecord container = record.container(name);
        if (container != null) {
          resume(container, run);
        }
      });
    }
    return record;
  }

  private static void resume(ContainerRecord container, RuntimeAdoption.KeptRun run) {
    container.everStarted = true;
    container.attempt = run.attempt();
    container.restartCount = Math.max(container.restartCount, run.attempt());
    container.id = Optional.of(run.id());
    container.running = Optional.of(new RunState.Running(run.startedAt()));
    container.exit = Optional.empty();
    container.imageId = run.image() == null ? "" : run.image();
    container.resumed = true;
  }

  private static void seed(ContainerRecord container, ContainerStatus status,
      Optional<RuntimeAdoption.AdoptedRun> run, Instant now) {
    int restarts = status.getRestartCount() == null ? 0 : status.getRestartCount();
    boolean ran = status.getContainerID() != null || restarts > 0
        || (status.getState() != null && (status.getState().getRunning() != null
        || status.getState().getTerminated() != null));
    if (!ran && run.isEmpty()) {
      return;
    }
    container.everStarted = true;
    container.restartCount = Math.max(restarts, run.map(r -> r.attempt()).orElse(0));
    container.attempt = container.restartCount;
    container.imageId = run.map(r -> r.image()).orElse(
        status.getImageID() == null ? "" : status.getImageID());
    if (status.getLastState() != null && status.getLastState().getTerminated() != null) {
      container.previousExit = terminated(status.getLastState().getTerminated(), now);
    }
    if (run.isPresent()) {
      container.exit = Optional.of(run.get().exit());
    } else if (status.getState() != null && status.getState().getTerminated() != null) {
      container.exit = terminated(status.getState().getTerminated(), now);
    } else if (status.getState() != null && status.getState().getWaiting() != null
        && container.previousExit.isPresent()) {
      // Waiting to restart after an exit: that exit is the latest run.
      container.exit = container.previousExit;
      container.previousExit = Optional.empty();
    } else {
      container.exit = Optional.of(new RunState.Terminated(137, "ContainerStatusUnknown",
          Optional.of("The container could not be located when the pod was deleted."),
          now, now, Optional.ofNullable(status.getContainerID())));
    }
  }

  private static Optional<RunState.Terminated> terminated(ContainerStateTerminated state,
      Instant now) {
    return Optional.of(new RunState.Terminated(
        state.getExitCode() == null ? 0 : state.getExitCode(),
        state.getReason() == null ? "" : state.getReason(),
        Optional.ofNullable(state.getMessage()),
        parse(state.getStartedAt()).orElse(now), parse(state.getFinishedAt()).orElse(now),
        Optional.ofNullable(state.getContainerID())));
  }

  private static Optional<Instant> parse(String time) {
    if (time == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(time));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

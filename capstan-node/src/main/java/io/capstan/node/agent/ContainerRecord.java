package io.capstan.node.agent;

import java.util.Optional;

/**
 * What the agent remembers of one container of a pod across its runs. Only the pod's worker
 * touches it, except the probe flags, which probe workers set (hence volatile).
 */
final class ContainerRecord {

  final String name;
  final boolean init;
  /** The runtime id of the current run; empty before the first start or after adoption. */
  volatile Optional<String> id = Optional.empty();
  /** The attempt number of the current (or last) run, which names its log file. */
  volatile int attempt;
  /** Restarts so far, as the status shows. */
  int restartCount;
  /** Whether any run was ever started (so the next start is a restart). */
  volatile boolean everStarted;
  volatile Optional<RunState.Running> running = Optional.empty();
  /** How the latest run ended, while no newer run has started. */
  Optional<RunState.Terminated> exit = Optional.empty();
  /** How the run before the latest ended (the status' lastState once the latest runs). */
  Optional<RunState.Terminated> previousExit = Optional.empty();
  /** Why the container is not running although it should (config error, back-off, ...). */
  Optional<RunState.Waiting> waiting = Optional.empty();
  String imageId = "";
  volatile boolean ready;
  volatile boolean started;
  volatile boolean livenessFailed;
  volatile boolean startupFailed;
  /** Found running by an agent restart; its probes are not yet registered again. */
  boolean resumed;
  /** The end of the run whose back-off was announced by a BackOff event (one per back-off). */
  Optional<java.time.Instant> backOffAnnounced = Optional.empty();

  ContainerRecord(String name, boolean init) {
    this.name = name;
    this.init = init;
  }

  /** The attempt number the next run gets (its restart count). */
  int nextAttempt() {
    return everStarted ? restartCount + 1 : restartCount;
  }

  /** A new run begins: the latest exit moves to lastState and the probes start over. */
  void startedRun(String containerId, RunState.Running run) {
    int newAttempt = nextAttempt();
    if (exit.isPresent()) {
      previousExit = exit;
    }
    exit = Optional.empty();
    restartCount = newAttempt;
    everStarted = true;
    id = Optional.of(containerId);
    attempt = newAttempt;
    running = Optional.of(run);
    waiting = Optional.empty();
    ready = false;
    started = false;
    livenessFailed = false;
    startupFailed = false;
  }

  void exited(RunState.Terminated terminated) {
    exit = Optional.of(terminated);
    running = Optional.empty();
    ready = false;
    livenessFailed = false;
    startupFailed = false;
  }

  /** The state the pod status shows, with its lastState. */
  RunState state(String defaultWaitingReason) {
    if (running.isPresent()) {
      return running.get();
    }
    if (waiting.isPresent()) {
      return waiting.get();
    }
    if (exit.isPresent()) {
      return exit.get();
    }
    return RunState.Waiting.of(defaultWaitingReason);
  }

  Optional<RunState.Terminated> lastState() {
    if (running.isEmpty() && waiting.isEmpty() && exit.isPresent()) {
      return previousExit;
    }
    return exit.isPresent() ? exit : previousExit;
  }
}

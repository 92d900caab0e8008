package io.capstan.node.simulated;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An immutable snapshot of what the simulated kubelet knows about one pod, from which its status
 * is derived.
 *
 * @param stage current stage
 * @param podIp the address given to the pod
 * @param hostIp the node's address
 * @param startTime when the kubelet accepted the pod
 * @param containersStarted when the current container run began
 * @param readyChanged when the Ready condition last changed
 * @param restartCount restarts so far
 * @param lastExit when the previous run started and ended, if one crashed
 * @param backOff the current back-off (in stage BACK_OFF)
 * @param waitingReason the scripted start failure (in stage START_FAILED)
 */
record PodRun(PodStage stage, String podIp, String hostIp, Instant startTime,
    Instant containersStarted, Instant readyChanged, int restartCount,
    Optional<Exit> lastExit, Duration backOff, String waitingReason) {

  /** One finished container run. */
  record Exit(Instant started, Instant finished) {}

  PodRun withStage(PodStage next, Instant at) {
    boolean readyFlip = (next == PodStage.READY) != (stage == PodStage.READY);
    return new PodRun(next, podIp, hostIp, startTime, containersStarted,
        readyFlip ? at : readyChanged, restartCount, lastExit, backOff, waitingReason);
  }

  PodRun crashed(Instant at, Duration nextBackOff, PodStage next) {
    return new PodRun(next, podIp, hostIp, startTime, containersStarted,
        stage == PodStage.READY ? at : readyChanged, restartCount + (next == PodStage.BACK_OFF
        ? 1 : 0), Optional.of(new Exit(containersStarted, at)), nextBackOff, waitingReason);
  }

  PodRun restarted(Instant at) {
    return new PodRun(PodStage.RUNNING, podIp, hostIp, startTime, at, readyChanged,
        restartCount, lastExit, Duration.ZERO, waitingReason);
  }
}

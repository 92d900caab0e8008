package io.capstan.node.simulated;

/** Where a simulated pod is in its life; each stage maps to one shape of pod status. */
enum PodStage {
  /** Seen, containers not started yet; no status written. */
  STARTING,
  /** Containers cannot start (scripted); phase Pending, containers waiting. */
  START_FAILED,
  /** Containers running, not ready yet (or never, if scripted). */
  RUNNING,
  /** Containers running and ready. */
  READY,
  /** Containers exited and wait in crash-loop back-off before the next restart. */
  BACK_OFF,
  /** Containers exited and the restart policy forbids restarting; phase Failed. */
  FAILED,
  /** Marked for deletion; waiting out the shortened grace period. */
  STOPPING
}

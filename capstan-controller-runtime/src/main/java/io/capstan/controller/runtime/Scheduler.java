package io.capstan.controller.runtime;

import java.time.Duration;

/**
 * Runs a task after a delay. Every delay in this package goes through a scheduler (together with an
 * injected {@link java.time.Clock}) so that tests can drive time by hand instead of sleeping.
 */
public interface Scheduler {

  /** Runs {@code task} once, no earlier than {@code delay} from now; a zero delay runs it soon. */
  Cancellable schedule(Duration delay, Runnable task);

  /**
   * {@code timing}'s delays, with each task run on a virtual thread of its own: for tasks that
   * block on requests, which would otherwise queue behind each other on a scheduler's one thread.
   */
  static Scheduler onVirtualThreads(Scheduler timing) {
    return (delay, task) -> timing.schedule(delay, () -> Thread.ofVirtual().start(task));
  }

  /** A scheduled task that can be withdrawn before it runs. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}

package io.capstan.controller.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * What a reconcile asks the runner to do next: nothing until the next event ({@link #done()}), or
 * look again after a delay ({@link #requeueAfter}) even if no event arrives. Failures are not a
 * result: the reconciler throws and the runner retries with backoff.
 */
public record Result(Optional<Duration> requeueAfter) {

  private static final Result DONE = new Result(Optional.empty());

  public Result {
    requeueAfter.ifPresent(delay -> {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("requeue delay must not be negative: " + delay);
      }
    });
  }

  public static Result done() {
    return DONE;
  }

  public static Result requeueAfter(Duration delay) {
    return new Result(Optional.of(delay));
  }
}

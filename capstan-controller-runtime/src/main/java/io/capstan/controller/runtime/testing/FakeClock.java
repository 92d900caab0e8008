package io.capstan.controller.runtime.testing;

import io.capstan.controller.runtime.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock that only moves when told to, and the scheduler that goes with it: {@link #advance}
 * runs every task that has come due, on the calling thread, in due-time order. This makes delayed
 * behaviour fully deterministic in tests.
 */
public final class FakeClock extends Clock implements Scheduler {

  private record Task(Instant due, long sequence, Runnable body, boolean[] cancelled) {}

  private final PriorityQueue<Task> tasks = new PriorityQueue<>(
      Comparator.comparing(Task::due).thenComparingLong(Task::sequence));
  private Instant now;
  private long sequence;

  public FakeClock(Instant start) {
    this.now = start;
  }

  public FakeClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("FakeClock is always UTC");
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    boolean[] cancelled = {false};
    tasks.add(new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, task,
        cancelled));
    return () -> {
      synchronized (this) {
        cancelled[0] = true;
      }
    };
  }

  /** Moves time forward and runs what came due, including tasks those tasks schedule in range. */
  public void advance(Duration step) {
    Instant target;
    synchronized (this) {
      target = now.plus(step);
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due().isAfter(target)) {
          now = target;
          return;
        }
        tasks.poll();
        now = next.due();
        if (next.cancelled()[0]) {
          continue;
        }
      }
      next.body().run();
    }
  }

  /** Due times of the tasks still waiting, for assertions. */
  public synchronized List<Instant> pendingDueTimes() {
    List<Instant> due = new ArrayList<>();
    for (Task task : tasks) {
      if (!task.cancelled()[0]) {
        due.add(task.due());
      }
    }
    due.sort(Comparator.naturalOrder());
    return due;
  }
}

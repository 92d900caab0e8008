package io.capstan.controller.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A work queue with client-go's contract. A key is never handed to two workers at once: a key added
 * while it is being processed is remembered ("dirty") and queued again only when the worker calls
 * {@link #done}. Adding a key that is already queued does nothing, so bursts of events collapse into
 * one reconcile. Delayed adds wait on the injected scheduler and clock; a key waiting for several
 * delayed adds keeps only the earliest. {@link #addRateLimited} waits per-key exponential backoff
 * until {@link #forget} resets it.
 */
public final class WorkQueue<K> {

  private final Clock clock;
  private final Scheduler scheduler;
  private final ExponentialBackoff backoff;

  private final ArrayDeque<K> queue = new ArrayDeque<>();
  private final Set<K> dirty = new HashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final Map<K, Instant> waitingUntil = new HashMap<>();
  private boolean shuttingDown;

  public WorkQueue(Clock clock, Scheduler scheduler, ExponentialBackoff backoff) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.backoff = backoff;
  }

  /** Queues {@code key} now unless it is already queued; if it is in flight, after {@link #done}. */
  public synchronized void add(K key) {
    if (shuttingDown || !dirty.add(key)) {
      return;
    }
    if (!processing.contains(key)) {
      queue.addLast(key);
      notifyAll();
    }
  }

  /** Queues {@code key} once {@code delay} has passed; zero or negative means now. */
  public void addAfter(K key, Duration delay) {
    if (delay.isNegative() || delay.isZero()) {
      add(key);
      return;
    }
    Instant due;
    synchronized (this) {
      if (shuttingDown) {
        return;
      }
      due = clock.instant().plus(delay);
      Instant earlier = waitingUntil.get(key);
      if (earlier != null && !earlier.isAfter(due)) {
        return;
      }
      waitingUntil.put(key, due);
    }
    scheduler.schedule(delay, () -> fire(key, due));
  }

  /** Queues {@code key} after its next backoff step; use when processing it failed. */
  public void addRateLimited(K key) {
    addAfter(key, backoff.when(key));
  }

  /** Ends the backoff of {@code key}: its next failure waits the base delay again. */
  public void forget(K key) {
    backoff.forget(key);
  }

  /** How many rate-limited retries {@code key} has had since it was last forgotten. */
  public int numRequeues(K key) {
    return backoff.failures(key);
  }

  /**
   * Blocks until a key is available and marks it in flight; the caller must call {@link #done}.
   * Returns empty once the queue is shut down.
   */
  public synchronized Optional<K> get() throws InterruptedException {
    while (queue.isEmpty() && !shuttingDown) {
      wait();
    }
    if (queue.isEmpty()) {
      return Optional.empty();
    }
    K key = queue.removeFirst();
    dirty.remove(key);
    processing.add(key);
    return Optional.of(key);
  }

  /** Marks {@code key} no longer in flight; if it was added meanwhile, it is queued again. */
  public synchronized void done(K key) {
    processing.remove(key);
    if (dirty.contains(key)) {
      queue.addLast(key);
      notifyAll();
    }
  }

  /**
   * Stops accepting keys, drops the queued and delayed ones (a stopping controller should not start
   * new reconciles) and wakes every waiting {@link #get}. Keys in flight still get {@link #done}.
   */
  public synchronized void shutDown() {
    shuttingDown = true;
    queue.clear();
    dirty.clear();
    waitingUntil.clear();
    notifyAll();
  }

  public synchronized boolean isShuttingDown() {
    return shuttingDown;
  }

  /** Keys queued and not yet taken (neither in-flight nor delayed keys count). */
  public synchronized int length() {
    return queue.size();
  }

  private void fire(K key, Instant due) {
    synchronized (this) {
      // A later, earlier-due addAfter replaced this one; that one fires instead.
      if (!due.equals(waitingUntil.get(key))) {
        return;
      }
      waitingUntil.remove(key);
    }
    add(key);
  }
}

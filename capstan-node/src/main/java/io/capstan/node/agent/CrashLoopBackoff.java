package io.capstan.node.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The kubelet's crash-loop back-off (client-go's {@code flowcontrol.Backoff}, keyed per pod
 * container). After an exit at time {@code t}, the container may restart at once the first time;
 * {@link #next} then arms {@code base}, and each following restart doubles it up to {@code cap}.
 * A container whose previous arming is older than {@code reset} starts from {@code base} again.
 *
 * <p>Worked example with base 10 s: exit 1 restarts at once (armed 10 s); exit 2 waits until 10 s
 * after its finish, then restarts (armed 20 s); exit 3 waits 20 s, and so on up to 5 minutes.
 */
final class CrashLoopBackoff {

  private record Entry(Duration backoff, Instant lastUpdate) {}

  private final Duration base;
  private final Duration cap;
  private final Duration reset;
  private final Map<String, Entry> entries = new HashMap<>();

  CrashLoopBackoff(Duration base, Duration cap, Duration reset) {
    this.base = base;
    this.cap = cap;
    this.reset = reset;
  }

  /** Whether a container that exited at {@code finishedAt} must still wait at {@code now}. */
  synchronized boolean inBackoff(String key, Instant finishedAt, Instant now) {
    Entry entry = entries.get(key);
    if (entry == null || expired(entry, finishedAt)) {
      return false;
    }
    return Duration.between(finishedAt, now).compareTo(entry.backoff()) < 0;
  }

  /** When a container that exited at {@code finishedAt} may restart. */
  synchronized Instant restartAt(String key, Instant finishedAt) {
    Entry entry = entries.get(key);
    return entry == null || expired(entry, finishedAt) ? finishedAt
        : finishedAt.plus(entry.backoff());
  }

  /** The current back-off of the key (what the CrashLoopBackOff message shows). */
  synchronized Duration current(String key) {
    Entry entry = entries.get(key);
    return entry == null ? base : entry.backoff();
  }

  /** Records a restart after the exit at {@code finishedAt}, arming the next back-off. */
  synchronized void next(String key, Instant finishedAt) {
    Entry entry = entries.get(key);
    Duration backoff = entry == null || expired(entry, finishedAt) ? base
        : min(entry.backoff().multipliedBy(2), cap);
    entries.put(key, new Entry(backoff, finishedAt));
  }

  synchronized void forget(String keyPrefix) {
    entries.keySet().removeIf(key -> key.startsWith(keyPrefix));
  }

  private boolean expired(Entry entry, Instant eventTime) {
    return Duration.between(entry.lastUpdate(), eventTime).compareTo(reset) > 0;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}

package io.capstan.controller.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-key exponential backoff, like client-go's {@code ItemExponentialFailureRateLimiter}: the n-th
 * consecutive failure of a key waits {@code base * 2^n}, capped at {@code max}, until the key is
 * forgotten. The default (5 ms doubling to 1000 s) is client-go's default controller rate limiter.
 */
public final class ExponentialBackoff {

  public static final Duration DEFAULT_BASE = Duration.ofMillis(5);
  public static final Duration DEFAULT_MAX = Duration.ofSeconds(1000);

  private final Duration base;
  private final Duration max;
  private final Map<Object, Integer> failures = new HashMap<>();

  public ExponentialBackoff(Duration base, Duration max) {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= max, got " + base + ", " + max);
    }
    this.base = base;
    this.max = max;
  }

  public static ExponentialBackoff defaults() {
    return new ExponentialBackoff(DEFAULT_BASE, DEFAULT_MAX);
  }

  /** Records one more failure of {@code key} and returns how long to wait before retrying it. */
  public synchronized Duration when(Object key) {
    int exponent = failures.merge(key, 1, Integer::sum) - 1;
    return delayFor(exponent);
  }

  /** Consecutive failures recorded for {@code key} since it was last forgotten. */
  public synchronized int failures(Object key) {
    return failures.getOrDefault(key, 0);
  }

  /** Clears the failure history of {@code key}, so its next failure starts from the base again. */
  public synchronized void forget(Object key) {
    failures.remove(key);
  }

  private Duration delayFor(int exponent) {
    // Beyond 2^62 the multiplication overflows; the cap is reached long before that anyway.
    if (exponent >= 62) {
      return max;
    }
    long nanos = base.toNanos();
    long factor = 1L << exponent;
    if (nanos > max.toNanos() / factor) {
      return max;
    }
    return Duration.ofNanos(nanos * factor);
  }
}

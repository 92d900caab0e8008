package io.capstan.bench.latency;

import java.util.Locale;

/** Sorted latency samples (nanoseconds): nearest-rank percentiles, the maximum, the count. */
public final class LatencySummary {

  private final long[] sorted;

  LatencySummary(long[] sorted) {
    this.sorted = sorted;
  }

  /** A summary of {@code samples} (nanoseconds, in any order); the array is not changed. */
  public static LatencySummary of(long[] samples) {
    long[] sorted = samples.clone();
    java.util.Arrays.sort(sorted);
    return new LatencySummary(sorted);
  }

  public int count() {
    return sorted.length;
  }

  /**
   * The nearest-rank percentile: the smallest sample that at least {@code percent}% of the samples
   * are at or below; 0 when there are no samples.
   */
  public long percentileNanos(double percent) {
    if (percent <= 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be in (0, 100]: " + percent);
    }
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  public long maxNanos() {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }

  /** Nanoseconds as milliseconds for a table: two decimals below 10 ms, one above. */
  public static String millis(long nanos) {
    double ms = nanos / 1e6;
    return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : "%.1f ms", ms);
  }
}

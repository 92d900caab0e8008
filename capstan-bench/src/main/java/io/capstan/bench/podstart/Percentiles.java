package io.capstan.bench.podstart;

import java.time.Duration;
import java.util.List;

/**
 * Nearest-rank percentiles of a set of durations: the p-th percentile is the smallest sample such
 * that at least p% of the samples are no larger (for 100 samples, p99 is the 99th smallest).
 */
final class Percentiles {

  private final List<Duration> sorted;

  Percentiles(List<Duration> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    this.sorted = samples.stream().sorted().toList();
  }

  /** The nearest-rank percentile, {@code 0 < p <= 100}. */
  Duration at(double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile out of range: " + p);
    }
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }

  Duration max() {
    return sorted.getLast();
  }

  int count() {
    return sorted.size();
  }
}

package io.capstan.bench.podstart;

import io.capstan.bench.latency.LatencySummary;
import java.time.Duration;
import java.util.List;

/**
 * Nearest-rank percentiles of a set of durations: the p-th percentile is the smallest sample such
 * that at least p% of the samples are no larger (for 100 samples, p99 is the 99th smallest). The
 * arithmetic is {@link LatencySummary}'s; this keeps durations and refuses an empty set.
 */
final class Percentiles {

  private final LatencySummary summary;

  Percentiles(List<Duration> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    this.summary = LatencySummary.of(samples.stream().mapToLong(Duration::toNanos).toArray());
  }

  /** The nearest-rank percentile, {@code 0 < p <= 100}. */
  Duration at(double p) {
    return Duration.ofNanos(summary.percentileNanos(p));
  }

  Duration max() {
    return Duration.ofNanos(summary.maxNanos());
  }

  int count() {
    return summary.count();
  }
}

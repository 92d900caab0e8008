package io.capstan.bench.latency;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds, appended by one thread at a time (a worker owns its recorder;
 * recorders are merged after the workers finish), so recording costs an array store, not a lock.
 */
public final class LatencyRecorder {

  private long[] samples = new long[1024];
  private int count;

  public void record(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, samples.length * 2);
    }
    samples[count++] = nanos;
  }

  public int count() {
    return count;
  }

  /** Adds every sample of {@code other} to this recorder. */
  public void addAll(LatencyRecorder other) {
    for (int i = 0; i < other.count; i++) {
      record(other.samples[i]);
    }
  }

  /** The samples so far, sorted, as percentiles. */
  public LatencySummary summary() {
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    return new LatencySummary(sorted);
  }
}

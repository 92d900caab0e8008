package io.capstan.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LatencySummaryTest {

  record Case(String name, long[] samples, double percent, long expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    long[] hundred = new long[100];
    for (int i = 0; i < 100; i++) {
      hundred[i] = 100 - i;
    }
    return Stream.of(
        new Case("empty is 0", new long[0], 99, 0),
        new Case("one sample is every percentile", new long[] {7}, 50, 7),
        new Case("p50 of 1..100 unsorted", hundred, 50, 50),
        new Case("p99 of 1..100", hundred, 99, 99),
        new Case("p100 is the maximum", hundred, 100, 100),
        new Case("nearest rank rounds up", new long[] {10, 20, 30}, 50, 20),
        new Case("p99 of three is the largest", new long[] {3, 1, 2}, 99, 3),
        new Case("tiny percent is the minimum", new long[] {5, 9}, 0.001, 5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void percentile(Case c) {
    LatencyRecorder recorder = new LatencyRecorder();
    for (long sample : c.samples()) {
      recorder.record(sample);
    }
    assertThat(recorder.summary().percentileNanos(c.percent())).isEqualTo(c.expected());
  }

  @Test
  void mergesRecordersBeyondTheirInitialCapacity() {
    LatencyRecorder a = new LatencyRecorder();
    LatencyRecorder b = new LatencyRecorder();
    for (int i = 1; i <= 3000; i++) {
      (i % 2 == 0 ? a : b).record(i);
    }
    a.addAll(b);
    LatencySummary summary = a.summary();
    assertThat(summary.count()).isEqualTo(3000);
    assertThat(summary.maxNanos()).isEqualTo(3000);
    assertThat(summary.percentileNanos(50)).isEqualTo(1500);
  }

  @Test
  void rejectsPercentOutsideTheRange() {
    LatencySummary summary = new LatencyRecorder().summary();
    assertThatThrownBy(() -> summary.percentileNanos(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> summary.percentileNanos(101))
        .isInstanceOf(IllegalArgumentException.class);
  }

  record MillisCase(String name, long nanos, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<MillisCase> millisCases() {
    return Stream.of(
        new MillisCase("sub-millisecond", 420_000, "0.42 ms"),
        new MillisCase("below ten", 9_994_000, "9.99 ms"),
        new MillisCase("ten and above, one decimal", 23_460_000, "23.5 ms"),
        new MillisCase("zero", 0, "0.00 ms"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("millisCases")
  void millis(MillisCase c) {
    assertThat(LatencySummary.millis(c.nanos())).isEqualTo(c.expected());
  }
}

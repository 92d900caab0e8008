package io.capstan.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.bench.Machine;
import io.capstan.bench.Options;
import io.capstan.bench.latency.LatencyRecorder;
import io.capstan.bench.latency.LatencySummary;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApiReportTest {

  private static final Machine MACHINE =
      new Machine(2, "Test CPU", 8L << 30, "25", "Linux 6.1", "0.50");

  record Case(String name, long capstanNanosPerOp, long mockNanosPerOp, long writeNanos,
      String loadAverage, List<String> expected, List<String> absent) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("targets met", 250_000, 1_000_000, 5_000_000, "0.50",
            List.of("| operations/s | 4,000 | 1,000 | 4.00× | ≥ 2× | yes |",
                "| p99 of single-object writes | 5.00 ms | 5.00 ms | — | ≤ 20.0 ms | yes |",
                "| create | 5.00 ms | 5.00 ms | 5.00 ms | 5.00 ms |",
                "| get | 1.00 ms | 1.00 ms | 1.00 ms | 1.00 ms |",
                "`bin/bench api`"),
            List.of("other builds")),
        new Case("targets missed on a busy machine", 1_000_000, 1_000_000, 30_000_000, "3.10",
            List.of("| operations/s | 1,000 | 1,000 | 1.00× | ≥ 2× | no |",
                "| 30.0 ms | 30.0 ms | — | ≤ 20.0 ms | no |", "other builds were running"),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersFiguresRatioAndVerdicts(Case c) {
    Machine machine = new Machine(MACHINE.cores(), MACHINE.cpu(), MACHINE.memoryBytes(),
        MACHINE.jdk(), MACHINE.kernel(), c.loadAverage());
    String markdown = new ApiReport(machine, "2026-01-01", Options.parse("api"), 16, 100,
        result(c.capstanNanosPerOp(), c.writeNanos()),
        result(c.mockNanosPerOp(), c.writeNanos())).markdown();
    assertThat(markdown).contains(c.expected());
    c.absent().forEach(text -> assertThat(markdown).doesNotContain(text));
  }

  /** 1,000 requests taking {@code nanosPerOp} of wall time each; writes and reads fixed. */
  private static CrudResult result(long nanosPerOp, long writeNanos) {
    Map<Operation, LatencySummary> latencies = new EnumMap<>(Operation.class);
    LatencyRecorder writes = new LatencyRecorder();
    for (Operation op : Operation.values()) {
      LatencyRecorder recorder = new LatencyRecorder();
      recorder.record(op.write ? writeNanos : 1_000_000);
      latencies.put(op, recorder.summary());
      if (op.write) {
        writes.record(writeNanos);
      }
    }
    return new CrudResult(1_000, 1_000 * nanosPerOp, latencies, writes.summary());
  }
}

package io.capstan.bench.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.bench.Machine;
import io.capstan.bench.Options;
import io.capstan.bench.latency.LatencyRecorder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WatchReportTest {

  record Case(String name, int deliveries, long delayNanos, int closedEarly,
      List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("all delivered in time", 20, 3_000_000, 0,
            List.of("| deliveries | 20 of 20 | — | all | yes |",
                "| events lost | 0 | — | 0 | yes |",
                "| delay p99 | 3.00 ms | — | ≤ 50.0 ms | yes |", "| delay max | 3.00 ms |",
                "no reference")),
        new Case("lost and late", 15, 80_000_000, 2,
            List.of("| events lost | 5 | — | 0 | no |",
                "| delay p99 | 80.0 ms | — | ≤ 50.0 ms | no |",
                "2 watches were closed by the server")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersDelaysAndLosses(Case c) {
    LatencyRecorder delays = new LatencyRecorder();
    for (int i = 0; i < c.deliveries(); i++) {
      delays.record(c.delayNanos());
    }
    String markdown = new WatchReport(
        new Machine(2, "", 8L << 30, "25", "Linux", "0.10"), "2026-01-01",
        Options.parse("watch"), 4, 100,
        new WatchResult(2, 10, 10.0, delays.summary(), c.closedEarly())).markdown();
    assertThat(markdown).contains(c.expected());
  }
}

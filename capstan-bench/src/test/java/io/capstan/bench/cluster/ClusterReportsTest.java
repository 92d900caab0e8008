package io.capstan.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.bench.Machine;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClusterReportsTest {

  private static final Machine MACHINE =
      new Machine(2, "Test CPU", 8L << 30, "25", "Linux 6.1", "0.50");

  record Case(String name, List<Long> millis, long medianMillis) {}

  static Stream<Case> medians() {
    return Stream.of(
        new Case("one run", List.of(700L), 700),
        new Case("odd count, unsorted", List.of(900L, 300L, 500L), 500),
        new Case("even count averages the middle two", List.of(400L, 100L, 300L, 200L), 250));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("medians")
  void medianOfRuns(Case c) {
    assertThat(Figures.median(c.millis().stream().map(Duration::ofMillis).toList()))
        .isEqualTo(Duration.ofMillis(c.medianMillis()));
  }

  @Test
  void rolloutReportShowsRatioAgainstTheRawStoreAndTheTargets() {
    RolloutTimes times = new RolloutTimes(1_000, Duration.ofMillis(24_000),
        Duration.ofMillis(2_500), 6_123, 7_000);
    String markdown = new RolloutReport(MACHINE, "2026-11-25", "bin/bench rollout", 20, times,
        Duration.ofMillis(1_200), Duration.ofMillis(1_000), 320 * Figures.MB).markdown();

    assertThat(markdown)
        .contains("load average 0.50")
        .contains("`bin/bench rollout`")
        .contains("| create | 24.00 s | 6,123 | 1.20 s | 20.0× | ≤ 3.00 s | not met |")
        .contains("| template change | 2.50 s | 7,000 | 1.00 s | 2.5× | ≤ 3.00 s | met |")
        .contains("| server RSS afterwards | 320 MB | | | | ≤ 300 MB | not met |");
  }

  @Test
  void rolloutTargetScalesToTenThousandReplicas() {
    RolloutTimes times = new RolloutTimes(10_000, Duration.ofSeconds(29),
        Duration.ofSeconds(31), 60_000, 70_000);
    String markdown = new RolloutReport(MACHINE, "2026-11-25", "bin/bench --replicas 10000",
        114, times, Duration.ofSeconds(5), Duration.ofSeconds(5), 900 * Figures.MB).markdown();

    assertThat(markdown)
        .contains("| create | 29.00 s | 60,000 | 5.00 s | 5.8× | ≤ 30.00 s | met |")
        .contains("| template change | 31.00 s | 70,000 | 5.00 s | 6.2× | ≤ 30.00 s | not met |")
        .contains("--simulated-nodes 114")
        .contains("| ≤ 300 MB (at 1,000 pods) | — |");
  }

  @Test
  void rolloutUsesTwentyNodesUnlessTheSurgeNeedsMore() {
    assertThat(RolloutScenario.nodesFor(1_000)).isEqualTo(20);
    assertThat(RolloutScenario.nodesFor(10_000)).isEqualTo(114);
  }

  @Test
  void startupReportShowsMediansEachRunAndTargets() {
    String markdown = new StartupReport(MACHINE, "2026-11-25", "bin/bench startup",
        List.of(Duration.ofMillis(900), Duration.ofMillis(2_500), Duration.ofMillis(800)),
        List.of(Duration.ofMillis(4_100), Duration.ofMillis(4_300), Duration.ofMillis(3_900)))
        .markdown();

    assertThat(markdown)
        .contains("| empty | 0.90 s | 0.90 s / 2.50 s / 0.80 s | — | ≤ 2.00 s | met |")
        .contains("| 10,000 ConfigMaps | 4.10 s | 4.10 s / 4.30 s / 3.90 s | — | ≤ 4.00 s |"
            + " not met |");
  }

  @Test
  void memoryReportQuotesK3sPublishedFigures() {
    String markdown = new MemoryReport(MACHINE, "2026-11-25", "bin/bench memory",
        140 * Figures.MB, 400 * Figures.MB).markdown();

    assertThat(markdown)
        .contains("published")
        .contains("| idle | 140 MB | 535 MB | 0.26 | ≤ 150 MB | met |")
        .contains("| 1,000 simulated pods after a rollout | 400 MB | 1.6 GB | 0.25 | ≤ 300 MB |"
            + " not met |");
  }
}

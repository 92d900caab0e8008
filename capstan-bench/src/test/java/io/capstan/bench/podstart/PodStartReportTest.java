package io.capstan.bench.podstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.bench.Machine;
import io.capstan.bench.Options;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PodStartReportTest {

  private static final Machine MACHINE =
      new Machine(2, "Test CPU", 8L << 30, "25", "Linux 6.1", "1.50");

  private static PodStartReport report(long p99Millis, int survivors) {
    // 98 pods at 200 ms, then the p99 sample and a slower max.
    List<Duration> latencies = IntStream.range(0, 100)
        .mapToObj(i -> Duration.ofMillis(i < 98 ? 200 : i == 98 ? p99Millis : 2_000)).toList();
    List<Duration> scheduled = IntStream.range(0, 100).mapToObj(i -> Duration.ofMillis(20))
        .toList();
    return new PodStartReport(MACHINE, "2026-11-25", Options.parse("podstart"),
        Map.of(Milestone.SCHEDULED, scheduled, Milestone.STARTED, List.of(), Milestone.READY,
            latencies),
        Duration.ofMillis(2_100), Duration.ofMillis(150), survivors);
  }

  @Test
  void rendersFiguresTargetAndMachine() {
    String markdown = report(800, 0).markdown().replaceAll("\\s+", " ");
    assertThat(markdown)
        .contains("| create → Ready, p50 | 200 ms | — | — | — |")
        .contains("| create → Ready, p99 | 800 ms | — | ≤ 1,000 ms | yes |")
        .contains("| create → Ready, max | 2,000 ms | — | — | — |")
        .contains("| first create → all 100 Ready | 2,100 ms | — | — | — |")
        .contains("(target ≤ 1,000 ms: met)")
        .contains("0 busybox processes were still running")
        .contains("`bin/bench podstart`")
        .contains("load average 1.50")
        .contains("| scheduled | 100 | 20.0 ms | 20.0 ms | 20.0 ms |")
        .contains("| container running | 0 | — | — | — |")
        .contains("| Ready | 100 | 200 ms | 800 ms | 2,000 ms |");
  }

  @Test
  void missedTargetAndSurvivorsAreSaid() {
    String markdown = report(1_500, 1).markdown().replaceAll("\\s+", " ");
    assertThat(markdown)
        .contains("| create → Ready, p99 | 1,500 ms | — | ≤ 1,000 ms | no |")
        .contains("(target ≤ 1,000 ms: not met)")
        .contains("1 busybox process was still running");
  }

  @Test
  void millisKeepsADecimalBelowATenthOfASecond() {
    assertThat(PodStartReport.millis(Duration.ofNanos(42_340_000))).isEqualTo("42.3 ms");
    assertThat(PodStartReport.millis(Duration.ofMillis(1_234))).isEqualTo("1,234 ms");
  }

  @Test
  void podRunsBusyboxWithAnExecProbe() {
    Path busybox = Path.of("/x/busybox");
    Pod pod = PodStartScenario.pod("podstart-007", busybox);
    assertThat(pod.getMetadata().getLabels()).containsEntry("bench", "podstart");
    assertThat(pod.getSpec().getContainers().getFirst().getCommand())
        .containsExactly("/x/busybox", "sleep", "3600");
    assertThat(pod.getSpec().getContainers().getFirst().getReadinessProbe().getExec()
        .getCommand()).containsExactly("/x/busybox", "true");
  }
}

package io.capstan.bench.podstart;

import io.capstan.bench.Machine;
import io.capstan.bench.Options;
import io.capstan.bench.Prose;
import io.capstan.bench.Report;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pod-start figures: p50/p99/max of create → Ready over the pods, the time from the first
 * create until all were Ready, checked against the p99 target; there is no reference.
 *
 * @param fromCreate per milestone and pod, from issuing the pod's create to the first watch event
 *     showing it past the milestone
 * @param allReady from the first create issued to the last pod seen Ready
 * @param createSpan from the first create issued to the last create answered
 * @param survivors busybox processes still running after the pods were deleted and the server
 *     stopped
 */
record PodStartReport(Machine machine, String date, Options options,
    Map<Milestone, List<Duration>> fromCreate, Duration allReady, Duration createSpan,
    int survivors) implements Report {

  static final Duration P99_TARGET = Duration.ofSeconds(1);

  PodStartReport {
    fromCreate = Map.copyOf(fromCreate);
  }

  @Override
  public String markdown() {
    List<Duration> latencies = fromCreate.get(Milestone.READY);
    Percentiles p = new Percentiles(latencies);
    StringBuilder out = new StringBuilder();
    out.append(machine.measuredParagraph(date)).append("\n\n");
    out.append(Prose.wrap(String.format(Locale.ROOT, "`%s` — the real `capstan server` (runnable"
        + " jar, the launcher's JVM flags, SQLite store, HTTPS) on its default process runtime with"
        + " `%s`; once its node is Ready, %d bare pods are created at once from %d virtual threads"
        + " through one fabric8 client. Each pod runs Debian's static busybox (`busybox sleep"
        + " 3600`) with an exec readiness probe `busybox true` (period 1 s). Bare pods so each"
        + " pod's create instant is known on the client; a Deployment would add the ReplicaSet"
        + " controller and leave only a second-granular creationTimestamp. Per pod the figure"
        + " runs from issuing its create request to the first event of a watch (opened before the"
        + " creates) that shows its Ready condition True. The server was started for this run,"
        + " so the figures include its JIT warm-up. Issuing and answering all %d creates"
        + " took %s.", options.command(), String.join(" ", PodStartScenario.SERVER_ARGS),
        latencies.size(), latencies.size(), latencies.size(), millis(createSpan))))
        .append("\n\n");
    out.append("| figure | Capstan | reference | target | met |\n")
        .append("|---|---|---|---|---|\n");
    row(out, "create → Ready, p50", p.at(50), "");
    row(out, "create → Ready, p99", p.at(99), "≤ " + millis(P99_TARGET));
    row(out, "create → Ready, max", p.max(), "");
    row(out, "first create → all " + p.count() + " Ready", allReady, "");
    out.append("\n").append(Prose.wrap(String.format(Locale.ROOT, "p99 %s (target ≤ %s: %s)."
        + " After the pods were deleted and the server stopped, %d busybox %s still running.",
        millis(p.at(99)), millis(P99_TARGET), p.at(99).compareTo(P99_TARGET) <= 0 ? "met"
            : "not met", survivors, survivors == 1 ? "process was" : "processes were")))
        .append("\n");
    appendStages(out);
    return out.toString();
  }

  /** Where the time goes: each milestone's p50/p99/max from the create. */
  private void appendStages(StringBuilder out) {
    out.append("\n| from the create to | pods seen | p50 | p99 | max |\n")
        .append("|---|---|---|---|---|\n");
    for (Milestone milestone : Milestone.ALL) {
      List<Duration> stage = fromCreate.getOrDefault(milestone, List.of());
      if (stage.isEmpty()) {
        out.append("| ").append(milestone.label).append(" | 0 | — | — | — |\n");
        continue;
      }
      Percentiles p = new Percentiles(stage);
      out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", milestone.label,
          p.count(), millis(p.at(50)), millis(p.at(99)), millis(p.max())));
    }
  }

  private static void row(StringBuilder out, String figure, Duration value, String target) {
    String met = target.isEmpty() ? "" : value.compareTo(P99_TARGET) <= 0 ? "yes" : "no";
    out.append(String.format(Locale.ROOT, "| %s | %s | — | %s | %s |%n", figure, millis(value),
        target.isEmpty() ? "—" : target, met.isEmpty() ? "—" : met));
  }

  static String millis(Duration duration) {
    double ms = duration.toNanos() / 1e6;
    return String.format(Locale.ROOT, ms < 100 ? "%.1f ms" : "%,.0f ms", ms);
  }
}

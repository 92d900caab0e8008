package io.capstan.bench.cluster;

import io.capstan.bench.Machine;
import io.capstan.bench.Prose;
import io.capstan.bench.Report;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Launch → /readyz on an empty and a populated data directory: median, each run, target. */
record StartupReport(Machine machine, String date, String command, List<Duration> empty,
    List<Duration> populated) implements Report {

  static final Duration EMPTY_TARGET = Duration.ofSeconds(2);
  static final Duration POPULATED_TARGET = Duration.ofSeconds(4);

  @Override
  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(machine.measuredParagraph(date)).append("\n\n");
    out.append(Prose.wrap(String.format(Locale.ROOT, "`%s` — `capstan server --runtime simulated"
        + " --simulated-nodes 1` with the launcher's JVM flags, from launching the JVM to the first"
        + " `ok` from `/readyz` over HTTPS; the median of %d starts each, after one discarded"
        + " start that writes the class-data-sharing archive. The populated data directory holds"
        + " %,d ConfigMaps created through the API before the server was stopped. There is no"
        + " reference in the same run.", command, StartupScenario.RUNS,
        StartupScenario.OBJECTS))).append("\n\n");
    out.append("| data directory | launch → /readyz (median) | each run | reference | target |"
        + " |\n|---|---|---|---|---|---|\n");
    row(out, "empty", empty, EMPTY_TARGET);
    row(out, String.format(Locale.ROOT, "%,d ConfigMaps", StartupScenario.OBJECTS), populated,
        POPULATED_TARGET);
    return out.toString();
  }

  private static void row(StringBuilder out, String label, List<Duration> runs, Duration target) {
    Duration median = Figures.median(runs);
    out.append(String.format(Locale.ROOT, "| %s | %s | %s | — | ≤ %s | %s |%n", label,
        Figures.seconds(median),
        runs.stream().map(Figures::seconds).collect(Collectors.joining(" / ")),
        Figures.seconds(target), Figures.verdict(median.compareTo(target) <= 0)));
  }
}

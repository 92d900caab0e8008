package io.capstan.bench.proxy;

import io.capstan.bench.Machine;
import io.capstan.bench.Options;
import io.capstan.bench.Prose;
import io.capstan.bench.Report;
import io.capstan.bench.wrk.WrkResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The proxy scenario's figures: per pass and target the median over the rounds of requests/s,
 * p50 and p99 (each taken separately), the Capstan/HAProxy throughput ratio and the p99 each proxy
 * adds to the direct path, checked against the targets.
 */
record ProxyReport(Machine machine, String date, Options options, String haproxy,
    Map<Pass, Map<String, List<WrkResult>>> results) implements Report {

  static final String DIRECT = "direct to one backend";
  static final String HAPROXY = "HAProxy, 4 backends";
  static final String CAPSTAN = "Capstan ClusterIP, 4 backends";
  static final double RATIO_TARGET = 0.80;
  static final double ADDED_P99_TARGET_MICROS = 1_000;

  @Override
  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(machine.measuredParagraph(date)).append("\n\n");
    out.append(Prose.wrap(String.format(Locale.ROOT, "`%s` — for each target `wrk -t%d -c%d -d%ds"
        + " --latency` after a discarded %ds warm-up run; the targets are measured in alternating"
        + " order, %d %s, and each figure is the median over the rounds. Four Vert.x HTTP backends"
        + " (a fixed 100-byte 200 response, keep-alive) on 127.0.0.21–24 run in one JVM of their"
        + " own; the Capstan proxy (`ServiceProxy`, default config) runs in the benchmark JVM"
        + " beside an idle in-process API server and is reached through the Service's ClusterIP;"
        + " the reference is %s. wrk, the backends and both proxies share the machine's cores, so"
        + " the direct path has more CPU to itself than either proxied one.",
        options.command(), options.threads(), options.connections(),
        options.duration().toSeconds(), options.warmup().toSeconds(), options.rounds(),
        options.rounds() == 1 ? "round" : "rounds", haproxy))).append("\n");
    results.forEach((pass, byTarget) -> appendPass(out, pass, byTarget));
    return out.toString();
  }

  private void appendPass(StringBuilder out, Pass pass, Map<String, List<WrkResult>> byTarget) {
    out.append("\n### ").append(pass.heading).append("\n\n")
        .append("| target | requests/s | p50 | p99 | errors | requests/s per round |"
            + " p99 per round |\n")
        .append("|---|---|---|---|---|---|---|\n");
    byTarget.forEach((target, runs) -> out.append(String.format(Locale.ROOT,
        "| %s | %,.0f | %s | %s | %d | %s | %s |%n", target,
        median(runs, WrkResult::requestsPerSecond), millis(median(runs, WrkResult::p50Micros)),
        millis(median(runs, WrkResult::p99Micros)),
        runs.stream().mapToLong(WrkResult::errors).sum(),
        runs.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.requestsPerSecond()))
            .collect(Collectors.joining(" / ")),
        runs.stream().map(r -> millis(r.p99Micros())).collect(Collectors.joining(" / ")))));
    double ratio = median(byTarget.get(CAPSTAN), WrkResult::requestsPerSecond)
        / median(byTarget.get(HAPROXY), WrkResult::requestsPerSecond);
    double directP50 = median(byTarget.get(DIRECT), WrkResult::p50Micros);
    double directP99 = median(byTarget.get(DIRECT), WrkResult::p99Micros);
    double capstanAdded = median(byTarget.get(CAPSTAN), WrkResult::p99Micros) - directP99;
    double haproxyAdded = median(byTarget.get(HAPROXY), WrkResult::p99Micros) - directP99;
    out.append("\n").append(Prose.wrap(String.format(Locale.ROOT, "Capstan/HAProxy requests/s:"
        + " **%.2f** (target ≥ %.2f: %s). p99 added to the direct path: Capstan **%s** (target"
        + " ≤ %s: %s), HAProxy %s; p50 added: Capstan %s, HAProxy %s.", ratio, RATIO_TARGET,
        verdict(ratio >= RATIO_TARGET), signedMillis(capstanAdded),
        millis(ADDED_P99_TARGET_MICROS), capstanAdded < 0
            ? "not measurable in this run, the direct path's own p99 is higher"
            : verdict(capstanAdded <= ADDED_P99_TARGET_MICROS),
        signedMillis(haproxyAdded),
        signedMillis(median(byTarget.get(CAPSTAN), WrkResult::p50Micros) - directP50),
        signedMillis(median(byTarget.get(HAPROXY), WrkResult::p50Micros) - directP50))))
        .append("\n");
  }

  static double median(List<WrkResult> runs, ToDoubleFunction<WrkResult> figure) {
    double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  static String millis(double micros) {
    return String.format(Locale.ROOT, micros < 10_000 ? "%.2f ms" : "%.1f ms", micros / 1_000);
  }

  private static String signedMillis(double micros) {
    return (micros >= 0 ? "+" : "−") + millis(Math.abs(micros));
  }

  private static String verdict(boolean met) {
    return met ? "met" : "not met";
  }
}

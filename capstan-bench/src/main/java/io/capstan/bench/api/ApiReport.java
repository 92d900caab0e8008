package io.capstan.bench.api;

import io.capstan.bench.Machine;
import io.capstan.bench.Options;
import io.capstan.bench.Prose;
import io.capstan.bench.Report;
import io.capstan.bench.latency.LatencySummary;
import java.util.Locale;

/**
 * The API scenario's figures: operations/s for Capstan and the mock server, their ratio against
 * the ≥ 2× target, per-operation p50/p99 for both, and Capstan's single-object write p99 against
 * the ≤ 20 ms target.
 */
record ApiReport(Machine machine, String date, Options options, int workers, int objects,
    CrudResult capstan, CrudResult mock) implements Report {

  static final double RATIO_TARGET = 2.0;
  static final long WRITE_P99_TARGET_NANOS = 20_000_000;

  @Override
  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(machine.measuredParagraph(date)).append("\n\n");
    out.append(Prose.wrap(String.format(Locale.ROOT, "`%s` — %d workers share one fabric8 client"
        + " (up to 64 requests in flight per host instead of fabric8's default 5);"
        + " each makes, for each of its %,d ConfigMaps, a create, a get, a list of its own label,"
        + " an update and a delete (%,d requests per pass), timing every request. Capstan is the"
        + " real `capstan server` (`--runtime simulated`, SQLite store, HTTPS, admin bearer"
        + " token) in its own JVM; the reference is fabric8's `KubernetesMockServer` in CRUD"
        + " mode (in memory, HTTPS, request logging off) inside the benchmark JVM. Each server"
        + " first gets two discarded warm-up passes of 25 objects per worker; the measured pass"
        + " is sized from Capstan's warm-up rate to last about 15 s on Capstan.",
        options.command(), workers, objects, capstan.operations()))).append("\n\n");
    out.append("| figure | Capstan | KubernetesMockServer (CRUD) | ratio | target | met |\n")
        .append("|---|---|---|---|---|---|\n");
    double ratio = capstan.operationsPerSecond() / mock.operationsPerSecond();
    out.append(String.format(Locale.ROOT,
        "| operations/s | %,.0f | %,.0f | %.2f× | ≥ %.0f× | %s |%n",
        capstan.operationsPerSecond(), mock.operationsPerSecond(), ratio, RATIO_TARGET,
        verdict(ratio >= RATIO_TARGET)));
    long writeP99 = capstan.writes().percentileNanos(99);
    out.append(String.format(Locale.ROOT, "| p99 of single-object writes | %s | %s | — | ≤ %s |"
        + " %s |%n", LatencySummary.millis(writeP99),
        LatencySummary.millis(mock.writes().percentileNanos(99)),
        LatencySummary.millis(WRITE_P99_TARGET_NANOS),
        verdict(writeP99 <= WRITE_P99_TARGET_NANOS)));
    out.append("\n| operation | Capstan p50 | Capstan p99 | mock p50 | mock p99 |\n")
        .append("|---|---|---|---|---|\n");
    for (Operation op : Operation.values()) {
      LatencySummary c = capstan.latencies().get(op);
      LatencySummary m = mock.latencies().get(op);
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", op.label(),
          LatencySummary.millis(c.percentileNanos(50)),
          LatencySummary.millis(c.percentileNanos(99)),
          LatencySummary.millis(m.percentileNanos(50)),
          LatencySummary.millis(m.percentileNanos(99))));
    }
    out.append("\n").append(Prose.wrap(String.format(Locale.ROOT, "Measured passes: Capstan"
        + " %,d requests in %.1f s, the mock server %,d in %.1f s.", capstan.operations(),
        capstan.elapsedNanos() / 1e9, mock.operations(), mock.elapsedNanos() / 1e9)))
        .append("\n");
    return out.toString();
  }

  private static String verdict(boolean met) {
    return met ? "yes" : "no";
  }
}

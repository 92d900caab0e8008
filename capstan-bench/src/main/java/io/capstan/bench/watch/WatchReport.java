package io.capstan.bench.watch;

import io.capstan.bench.Machine;
import io.capstan.bench.Options;
import io.capstan.bench.Prose;
import io.capstan.bench.Report;
import io.capstan.bench.latency.LatencySummary;
import java.util.Locale;

/** The watch scenario's figures: delivery delay p50/p99/max and events lost, against targets. */
record WatchReport(Machine machine, String date, Options options, int clients, int rate,
    WatchResult result) implements Report {

  static final long P99_TARGET_NANOS = 50_000_000;

  @Override
  public String markdown() {
    LatencySummary delays = result.delays();
    StringBuilder out = new StringBuilder();
    out.append(machine.measuredParagraph(date)).append("\n\n");
    out.append(Prose.wrap(String.format(Locale.ROOT, "`%s` — %d fabric8 watches on the ConfigMaps"
        + " of one namespace of the real `capstan server` (`--runtime simulated`, SQLite store,"
        + " HTTPS), spread over %d clients in the benchmark JVM (each watch is its own connection;"
        + " a few clients spread the decoding over several Vert.x instances as separate consumers"
        + " would). Then %,d changes at %d/s from one more client, each in its own time slot"
        + " made by one of 8 writer threads (half creates, then an update of each; from the first"
        + " slot to the last answer %.1f s), each carrying in an annotation `System.nanoTime()`"
        + " taken just before its request is sent; a delivery's delay is its receive time minus"
        + " that, on the same clock. The issue sets no reference for this scenario.",
        options.command(),
        result.watchers(), clients, result.changes(), rate, result.writeSeconds())))
        .append("\n\n");
    out.append("| figure | Capstan | reference | target | met |\n|---|---|---|---|---|\n");
    out.append(String.format(Locale.ROOT, "| deliveries | %,d of %,d | — | all | %s |%n",
        delays.count(), result.expected(), verdict(result.lost() == 0)));
    out.append(String.format(Locale.ROOT, "| events lost | %,d | — | 0 | %s |%n", result.lost(),
        verdict(result.lost() == 0)));
    out.append(String.format(Locale.ROOT, "| delay p50 | %s | — | | |%n",
        LatencySummary.millis(delays.percentileNanos(50))));
    out.append(String.format(Locale.ROOT, "| delay p99 | %s | — | ≤ %s | %s |%n",
        LatencySummary.millis(delays.percentileNanos(99)),
        LatencySummary.millis(P99_TARGET_NANOS),
        verdict(delays.percentileNanos(99) <= P99_TARGET_NANOS)));
    out.append(String.format(Locale.ROOT, "| delay max | %s | — | | |%n",
        LatencySummary.millis(delays.maxNanos())));
    if (result.closedEarly() > 0) {
      out.append("\n").append(Prose.wrap(String.format(Locale.ROOT, "%d watches were closed by"
          + " the server before the end.", result.closedEarly()))).append("\n");
    }
    return out.toString();
  }

  private static String verdict(boolean met) {
    return met ? "yes" : "no";
  }
}

package io.capstan.bench.cluster;

import io.capstan.bench.Machine;
import io.capstan.bench.Prose;
import io.capstan.bench.Report;
import java.time.Duration;
import java.util.Locale;

/**
 * The rollout's figures: each step's time beside the raw store's time for the same writes, the
 * ratio and the target; the server's RSS afterwards.
 */
record RolloutReport(Machine machine, String date, String command, int nodes,
    RolloutTimes times,
    Duration rawCreate, Duration rawUpdate, long residentBytes) implements Report {

  static final long RSS_TARGET_BYTES = 300 * Figures.MB;

  /** 3 s per 1,000 replicas: 3 s at 1,000, 30 s at 10,000 (the two targets). */
  Duration stepTarget() {
    return Duration.ofMillis(Math.max(1, times.replicas() / 1_000) * 3_000L);
  }

  @Override
  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(machine.measuredParagraph(date)).append("\n\n");
    out.append(Prose.wrap(String.format(Locale.ROOT, "`%s` — `capstan server --runtime simulated"
        + " --simulated-nodes %d --simulated-pod-delay 0s` (the launcher's JVM flags, a fresh data"
        + " directory; a simulated pod is running and ready as soon as it is bound, as with kwok's"
        + " defaults, so the time is the control plane's own). A %,d-replica Deployment"
        + " (maxSurge and maxUnavailable 25%%) is created with fabric8 and timed until complete"
        + " (observedGeneration current, every replica updated and available, no old ones left);"
        + " then its image is changed and it is timed again. The reference writes the same number"
        + " of objects (the store revisions each step advanced the server by) straight into"
        + " `SqliteStore` (default options, durable commits) in a temporary directory, %d"
        + " concurrent writers, %,d-byte values.", command, nodes,
        times.replicas(), RawStoreWrites.WRITERS, RawStoreWrites.VALUE_BYTES))).append("\n\n");
    out.append("| step | time | store writes | raw store, same writes | ratio | target | |\n")
        .append("|---|---|---|---|---|---|---|\n");
    row(out, "create", times.create(), times.createWrites(), rawCreate);
    row(out, "template change", times.update(), times.updateWrites(), rawUpdate);
    out.append(String.format(Locale.ROOT, "| server RSS afterwards | %s | | | | ≤ %s%s | %s |%n",
        Figures.megabytes(residentBytes), Figures.megabytes(RSS_TARGET_BYTES),
        times.replicas() == 1_000 ? "" : " (at 1,000 pods)",
        times.replicas() == 1_000 ? Figures.verdict(residentBytes <= RSS_TARGET_BYTES) : "—"));
    return out.toString();
  }

  private void row(StringBuilder out, String step, Duration time, long writes, Duration raw) {
    out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %s | %.1f× | ≤ %s | %s |%n", step,
        Figures.seconds(time), writes, Figures.seconds(raw),
        time.toNanos() / (double) Math.max(1, raw.toNanos()), Figures.seconds(stepTarget()),
        Figures.verdict(time.compareTo(stepTarget()) <= 0)));
  }
}

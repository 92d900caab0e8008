package io.capstan.bench.cluster;

import io.capstan.bench.Machine;
import io.capstan.bench.Prose;
import io.capstan.bench.Report;
import java.util.Locale;

/** Server RSS idle and after a 1,000-pod rollout, beside k3s's published figures. */
record MemoryReport(Machine machine, String date, String command, long idleBytes,
    long loadedBytes) implements Report {

  static final long IDLE_TARGET_BYTES = 150 * Figures.MB;
  static final long LOADED_TARGET_BYTES = 300 * Figures.MB;
  static final String K3S_IDLE = "535 MB";
  static final String K3S_LOADED = "1.6 GB";

  @Override
  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(machine.measuredParagraph(date)).append("\n\n");
    out.append(Prose.wrap(String.format(Locale.ROOT, "`%s` — the server's resident memory (VmRSS)"
        + " with the launcher's JVM flags: idle is %d s after `/readyz` with `--runtime simulated"
        + " --simulated-nodes 1` on an empty data directory; loaded is right after a full"
        + " rollout (create, then a template change) of a %,d-replica Deployment on 20 simulated"
        + " nodes, measured again in this scenario (the `rollout` scenario reports the same figure"
        + " for its own run). The k3s figures are its published resource profile (server, idle"
        + " and with a workload), quoted, not measured here.", command,
        MemoryScenario.IDLE_WAIT.toSeconds(), MemoryScenario.PODS))).append("\n\n");
    out.append("| state | Capstan RSS | k3s (published) | ratio | target | |\n")
        .append("|---|---|---|---|---|---|\n");
    row(out, "idle", idleBytes, K3S_IDLE, 535 * Figures.MB, IDLE_TARGET_BYTES);
    row(out, String.format(Locale.ROOT, "%,d simulated pods after a rollout", MemoryScenario.PODS),
        loadedBytes, K3S_LOADED, 1_600 * Figures.MB, LOADED_TARGET_BYTES);
    return out.toString();
  }

  private static void row(StringBuilder out, String state, long bytes, String k3s, long k3sBytes,
      long target) {
    out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | ≤ %s | %s |%n", state,
        Figures.megabytes(bytes), k3s, bytes / (double) k3sBytes, Figures.megabytes(target),
        Figures.verdict(bytes <= target)));
  }
}

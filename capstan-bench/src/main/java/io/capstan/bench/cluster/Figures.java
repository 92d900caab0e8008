package io.capstan.bench.cluster;

import io.capstan.bench.Machine;
import io.capstan.bench.Prose;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Formatting and arithmetic the cluster reports share. */
final class Figures {

  static final long MB = 1024 * 1024;

  private Figures() {}

  static Duration median(List<Duration> runs) {
    List<Duration> sorted = runs.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle)
        : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%d MB", Math.round(bytes / (double) MB));
  }

  static String verdict(boolean met) {
    return met ? "met" : "not met";
  }
}

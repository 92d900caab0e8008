package io.capstan.node.simulated;

import java.time.Duration;

/** The kubelet's crash-loop back-off: 10 s, doubling per restart, capped at 5 minutes. */
final class CrashBackoff {

  static final Duration BASE = Duration.ofSeconds(10);
  static final Duration CAP = Duration.ofMinutes(5);

  private CrashBackoff() {}

  /** The wait before restart number {@code restart} (1 for the first), times {@code scale}. */
  static Duration before(int restart, double scale) {
    int doublings = Math.min(Math.max(restart - 1, 0), 16);
    long millis = Math.min(BASE.toMillis() << doublings, CAP.toMillis());
    return Duration.ofMillis(Math.round(millis * scale));
  }
}

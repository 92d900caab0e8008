package io.capstan.controllers.nodelifecycle;

import java.time.Duration;

/**
 * How long a node may stay silent: kube-controller-manager's {@code --node-monitor-grace-period}
 * (40 s) for a node that has posted its status, and {@code --node-startup-grace-period} (60 s)
 * for one that never has.
 */
public record NodeMonitorSettings(Duration gracePeriod, Duration startupGracePeriod) {

  public NodeMonitorSettings {
    if (gracePeriod.isNegative() || gracePeriod.isZero()
        || startupGracePeriod.isNegative() || startupGracePeriod.isZero()) {
      throw new IllegalArgumentException("grace periods must be positive");
    }
  }

  /** Kubernetes' defaults. */
  public static NodeMonitorSettings defaults() {
    return new NodeMonitorSettings(Duration.ofSeconds(40), Duration.ofSeconds(60));
  }

  /** The defaults with another grace period; the start-up grace is never shorter than it. */
  public static NodeMonitorSettings withGracePeriod(Duration gracePeriod) {
    Duration startup = Duration.ofSeconds(60);
    return new NodeMonitorSettings(gracePeriod,
        startup.compareTo(gracePeriod) < 0 ? gracePeriod : startup);
  }
}

package io.capstan.controller.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to elect a leader: the Lease {@code namespace/name}, this candidate's identity, and
 * client-go's three timings. A follower takes over a lease it has seen unchanged for
 * {@code leaseDuration}; a leader that has not renewed for {@code renewDeadline} gives up; every
 * candidate tries again each {@code retryPeriod}. The deadline must leave the leader time to step
 * down before a follower may take over, hence {@code retryPeriod < renewDeadline < leaseDuration}.
 */
public record LeaderElectionConfig(String namespace, String name, String identity,
                                   Duration leaseDuration, Duration renewDeadline,
                                   Duration retryPeriod) {

  public LeaderElectionConfig {
    Objects.requireNonNull(namespace);
    Objects.requireNonNull(name);
    if (identity == null || identity.isEmpty()) {
      throw new IllegalArgumentException("identity must not be empty");
    }
    if (retryPeriod.isNegative() || retryPeriod.isZero()
        || renewDeadline.compareTo(retryPeriod) <= 0
        || leaseDuration.compareTo(renewDeadline) <= 0) {
      throw new IllegalArgumentException("need 0 < retryPeriod < renewDeadline < leaseDuration, got "
          + retryPeriod + ", " + renewDeadline + ", " + leaseDuration);
    }
  }

  /** client-go's defaults: 15 s lease, 10 s renew deadline, 2 s retry period. */
  public static LeaderElectionConfig defaults(String namespace, String name, String identity) {
    return new LeaderElectionConfig(namespace, name, identity, Duration.ofSeconds(15),
        Duration.ofSeconds(10), Duration.ofSeconds(2));
  }
}

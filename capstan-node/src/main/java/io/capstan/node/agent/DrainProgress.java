package io.capstan.node.agent;

import io.capstan.controller.runtime.draining.Draining;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the draining of one terminating pod stands at an instant: the live proxies (those whose
 * Lease is fresh) that acknowledged it, those still to do so, and when the first Lease among the
 * latter goes stale, since a proxy that stops renewing is no longer waited for.
 *
 * @param acknowledged nodes of live proxies whose acknowledgement is on the pod
 * @param pending nodes of live proxies not yet acknowledged
 * @param nextExpiry when the earliest pending proxy's Lease goes stale
 */
record DrainProgress(Set<String> acknowledged, Set<String> pending,
    Optional<Instant> nextExpiry) {

  static DrainProgress of(Pod pod, Collection<Lease> leases, Instant now) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? Map.of()
        : pod.getMetadata().getAnnotations();
    Set<String> acknowledged = new TreeSet<>();
    Set<String> pending = new TreeSet<>();
    Optional<Instant> nextExpiry = Optional.empty();
    for (Lease lease : leases) {
      Optional<String> node = Draining.proxyNode(lease);
      if (node.isEmpty() || !Draining.isFresh(lease, now)) {
        continue;
      }
      if (annotations.containsKey(Draining.ackAnnotation(node.get()))) {
        acknowledged.add(node.get());
        continue;
      }
      pending.add(node.get());
      Instant expiry = expiry(lease);
      nextExpiry = Optional.of(nextExpiry.filter(e -> e.isBefore(expiry)).orElse(expiry));
    }
    return new DrainProgress(Collections.unmodifiableSet(acknowledged),
        Collections.unmodifiableSet(pending), nextExpiry);
  }

  /** When a fresh Lease stops being fresh ({@link Draining#isFresh} turns false). */
  private static Instant expiry(Lease lease) {
    Integer seconds = lease.getSpec().getLeaseDurationSeconds();
    Duration duration = seconds == null ? Draining.LEASE_DURATION : Duration.ofSeconds(seconds);
    return lease.getSpec().getRenewTime().toInstant().plus(duration);
  }

  /** Whether any proxy is live, so the pod must be drained at all. */
  boolean anyLive() {
    return !acknowledged.isEmpty() || !pending.isEmpty();
  }

  boolean done() {
    return pending.isEmpty();
  }
}

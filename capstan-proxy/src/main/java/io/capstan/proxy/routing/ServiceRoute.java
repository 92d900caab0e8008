package io.capstan.proxy.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live state of one service port: its current endpoints (replaced as slices change), and what
 * outlives those changes — the round-robin turn and the client IPs stuck to endpoints.
 */
public final class ServiceRoute {

  /** Where a client IP is stuck, and when it last connected. */
  record Stick(Endpoint endpoint, Instant lastUsed) {}

  private final ServicePortKey key;
  private volatile List<Endpoint> endpoints;
  private volatile Duration affinity;
  private final AtomicInteger turn = new AtomicInteger();
  final ConcurrentHashMap<String, Stick> sticks = new ConcurrentHashMap<>();

  ServiceRoute(ServicePortKey key, List<Endpoint> endpoints, Duration affinity) {
    this.key = key;
    this.endpoints = endpoints;
    this.affinity = affinity;
  }

  public ServicePortKey key() {
    return key;
  }

  /** The endpoints the slices offer, sorted; the selector leaves out terminating pods. */
  public List<Endpoint> endpoints() {
    return endpoints;
  }

  /** How long a client IP sticks to its endpoint; zero without session affinity. */
  public Duration affinity() {
    return affinity;
  }

  void update(List<Endpoint> newEndpoints, Duration newAffinity) {
    this.endpoints = newEndpoints;
    if (newAffinity.isZero()) {
      sticks.clear();
    }
    this.affinity = newAffinity;
  }

  /** The next round-robin position, ever increasing. */
  int nextTurn() {
    return turn.getAndIncrement() & Integer.MAX_VALUE;
  }

  /** Forgets client IPs that have not connected for longer than the affinity timeout. */
  public void expireSticks(Instant now) {
    Duration timeout = affinity;
    sticks.values().removeIf(s -> !s.lastUsed().plus(timeout).isAfter(now));
  }
}

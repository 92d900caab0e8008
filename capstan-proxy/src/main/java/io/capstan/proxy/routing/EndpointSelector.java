package io.capstan.proxy.routing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Picks the endpoint for a new connection: among the route's endpoints whose pod is not being
 * deleted and that this connection has not already failed to reach, the client's sticky endpoint
 * under ClientIP affinity, otherwise the next by the balancing mode.
 */
public final class EndpointSelector {

  private final Balancing balancing;
  private final ConnectionCounts counts;
  private final Predicate<String> isTerminatingPod;
  private final Clock clock;

  /**
   * @param isTerminatingPod whether the pod with this uid has a deletionTimestamp; such pods get
   *     no new connections even while their slices still list them
   */
  public EndpointSelector(Balancing balancing, ConnectionCounts counts,
      Predicate<String> isTerminatingPod, Clock clock) {
    this.balancing = balancing;
    this.counts = counts;
    this.isTerminatingPod = isTerminatingPod;
    this.clock = clock;
  }

  /** The route's endpoints that may get new connections now. */
  public List<Endpoint> usable(ServiceRoute route) {
    return route.endpoints().stream()
        .filter(e -> e.podUid().isEmpty() || !isTerminatingPod.test(e.podUid())).toList();
  }

  public Optional<Endpoint> choose(ServiceRoute route, String clientIp, Set<Endpoint> excluded) {
    List<Endpoint> candidates = new ArrayList<>(usable(route));
    candidates.removeAll(excluded);
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    if (route.affinity().isZero()) {
      return Optional.of(balance(route, candidates));
    }
    Instant now = clock.instant();
    ServiceRoute.Stick stick = route.sticks.get(clientIp);
    Endpoint chosen = stick != null && stick.lastUsed().plus(route.affinity()).isAfter(now)
        && candidates.contains(stick.endpoint()) ? stick.endpoint() : balance(route, candidates);
    route.sticks.put(clientIp, new ServiceRoute.Stick(chosen, now));
    return Optional.of(chosen);
  }

  private Endpoint balance(ServiceRoute route, List<Endpoint> candidates) {
    if (balancing == Balancing.LEAST_CONNECTIONS) {
      int fewest = candidates.stream().mapToInt(counts::count).min().orElse(0);
      candidates = candidates.stream().filter(e -> counts.count(e) == fewest).toList();
    }
    return candidates.get(route.nextTurn() % candidates.size());
  }
}

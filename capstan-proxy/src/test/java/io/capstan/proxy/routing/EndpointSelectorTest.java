package io.capstan.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.controller.runtime.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointSelectorTest {

  private static final Endpoint A = new Endpoint("127.1.0.1", 80, "uid-a");
  private static final Endpoint B = new Endpoint("127.1.0.2", 80, "uid-b");
  private static final Endpoint C = new Endpoint("127.1.0.3", 80, "uid-c");
  private static final ServicePortKey KEY = new ServicePortKey("ns", "web", "http");

  private final FakeClock clock = new FakeClock();
  private final ConnectionCounts counts = new ConnectionCounts();
  private final Set<String> terminating = new java.util.HashSet<>();

  private EndpointSelector selector(Balancing balancing) {
    return new EndpointSelector(balancing, counts, terminating::contains, clock);
  }

  private static ServiceRoute route(Duration affinity) {
    return new ServiceRoute(KEY, List.of(A, B, C), affinity);
  }

  private static List<Endpoint> choose(EndpointSelector selector, ServiceRoute route,
      String client, int times) {
    List<Endpoint> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      out.add(selector.choose(route, client, Set.of()).orElseThrow());
    }
    return out;
  }

  @Test
  void roundRobinSkipsTerminatingPodsAndFailedEndpoints() {
    EndpointSelector selector = selector(Balancing.ROUND_ROBIN);
    ServiceRoute route = route(Duration.ZERO);

    assertThat(choose(selector, route, "c", 6)).containsExactly(A, B, C, A, B, C);
    terminating.add("uid-b");
    assertThat(choose(selector, route, "c", 4)).containsOnly(A, C);
    assertThat(selector.choose(route, "c", Set.of(A, C))).isEmpty();
  }

  @Test
  void leastConnectionsPicksTheLeastBusy() {
    EndpointSelector selector = selector(Balancing.LEAST_CONNECTIONS);
    ServiceRoute route = route(Duration.ZERO);
    counts.opened(A);
    counts.opened(A);
    counts.opened(B);

    assertThat(choose(selector, route, "c", 3)).containsOnly(C);
    counts.opened(C);
    counts.opened(C);
    assertThat(choose(selector, route, "c", 3)).containsOnly(B);
  }

  @Test
  void clientIpSticksWhileUsedAndMovesWhenItsEndpointGoes() {
    EndpointSelector selector = selector(Balancing.ROUND_ROBIN);
    ServiceRoute route = route(Duration.ofSeconds(60));
    Endpoint first = selector.choose(route, "10.0.0.1", Set.of()).orElseThrow();

    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofSeconds(59));
      assertThat(selector.choose(route, "10.0.0.1", Set.of())).contains(first);
    }
    terminating.add(first.podUid());
    Endpoint moved = selector.choose(route, "10.0.0.1", Set.of()).orElseThrow();
    assertThat(moved).isNotEqualTo(first);
    assertThat(selector.choose(route, "10.0.0.1", Set.of())).contains(moved);

    clock.advance(Duration.ofSeconds(60));
    route.expireSticks(clock.instant());
    assertThat(route.sticks).isEmpty();
  }

  @Test
  void countsNotifyWhenAnEndpointGoesIdle() {
    List<Endpoint> idle = new ArrayList<>();
    counts.onIdle(idle::add);
    counts.opened(A);
    counts.opened(A);

    counts.closed(A);
    assertThat(idle).isEmpty();
    counts.closed(A);
    assertThat(idle).containsExactly(A);
    assertThat(counts.openTo(Set.of("127.1.0.1"))).isZero();
  }
}

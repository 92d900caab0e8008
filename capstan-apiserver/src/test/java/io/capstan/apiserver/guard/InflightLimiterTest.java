package io.capstan.apiserver.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.guard.InflightLimiter.Limits;
import io.capstan.apiserver.guard.InflightLimiter.Permit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InflightLimiterTest {

  private final InflightLimiter limiter = new InflightLimiter(new Limits(3, 2, 5, 3));

  @Test
  void clientOverItsShareIsRefusedWhileAnotherIsServed() {
    List<Permit> alice = acquire("alice", false, 3);

    assertThat(limiter.tryAcquire("alice", false)).isEmpty();
    assertThat(limiter.tryAcquire("bob", false)).isPresent();
    assertThat(limiter.tryAcquire("alice", true)).as("mutations have their own share")
        .isPresent();

    alice.getFirst().close();
    assertThat(limiter.tryAcquire("alice", false)).isPresent();
  }

  @Test
  void totalIsCappedAcrossClients() {
    acquire("alice", false, 3);
    acquire("bob", false, 2);

    assertThat(limiter.tryAcquire("carol", false)).isEmpty();
    assertThat(limiter.inFlight(false)).isEqualTo(5);
    assertThat(limiter.tryAcquire("carol", true)).isPresent();
  }

  @Test
  void closingAPermitTwiceGivesBackOnlyOne() {
    List<Permit> alice = acquire("alice", true, 2);

    alice.getFirst().close();
    alice.getFirst().close();

    assertThat(limiter.inFlight(true)).isEqualTo(1);
    assertThat(limiter.tryAcquire("alice", true)).isPresent();
    assertThat(limiter.tryAcquire("alice", true)).isEmpty();
  }

  @Test
  void refusalByTheClientShareLeavesTheTotalUntouched() {
    acquire("alice", true, 2);
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.tryAcquire("alice", true)).isEmpty();
    }

    assertThat(limiter.inFlight(true)).isEqualTo(2);
    assertThat(limiter.tryAcquire("bob", true)).isPresent();
  }

  @Test
  void concurrentClientsNeverExceedTheLimitsAndEndAtZero() throws Exception {
    InflightLimiter shared = new InflightLimiter(new Limits(4, 2, 10, 5));
    AtomicInteger peak = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        String client = "c" + (t % 3);
        done.add(pool.submit(() -> {
          for (int i = 0; i < 20_000; i++) {
            Optional<Permit> permit = shared.tryAcquire(client, i % 3 == 0);
            peak.accumulateAndGet(shared.inFlight(false), Math::max);
            permit.ifPresent(Permit::close);
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    assertThat(peak.get()).isLessThanOrEqualTo(10);
    assertThat(shared.inFlight(false)).isZero();
    assertThat(shared.inFlight(true)).isZero();
    // Every client's share is whole again.
    IntStream.range(0, 3).forEach(c -> {
      List<Permit> all = acquireAll(shared, "c" + c);
      assertThat(all).hasSize(4);
      all.forEach(Permit::close);
    });
  }

  @Test
  void rejectionIsKubernetesTooManyRequests() {
    ApiException e = InflightLimiter.rejection();

    assertThat(e.code()).isEqualTo(429);
    assertThat(e.reason()).isEqualTo("TooManyRequests");
    assertThat(e.getMessage()).isEqualTo("Too many requests, please try again later.");
    assertThat(e.status().getDetails().getRetryAfterSeconds()).isEqualTo(1);
  }

  record Case(String name, String method, String path, Map<String, List<String>> query,
      boolean longRunning) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> requests() {
    return Stream.of(
        new Case("watch=true", "GET", "/api/v1/pods", Map.of("watch", List.of("true")), true),
        new Case("watch=1", "GET", "/api/v1/pods", Map.of("watch", List.of("1")), true),
        new Case("watch=false", "GET", "/api/v1/pods", Map.of("watch", List.of("false")), false),
        new Case("watch path", "GET", "/apis/apps/v1/watch/namespaces/d/deployments", Map.of(),
            true),
        new Case("list", "GET", "/api/v1/namespaces/d/pods", Map.of(), false),
        new Case("log follow", "GET", "/api/v1/namespaces/d/pods/p/log",
            Map.of("follow", List.of("true")), true),
        new Case("log", "GET", "/api/v1/namespaces/d/pods/p/log", Map.of(), false),
        new Case("exec", "POST", "/api/v1/namespaces/d/pods/p/exec", Map.of(), true),
        new Case("port-forward", "GET", "/api/v1/namespaces/d/pods/p/portforward", Map.of(),
            true),
        new Case("create", "POST", "/api/v1/namespaces/d/pods", Map.of(), false),
        new Case("delete with watch param", "DELETE", "/api/v1/namespaces/d/pods",
            Map.of("watch", List.of("true")), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void longRunningRequestsAreRecognized(Case c) {
    assertThat(InflightLimiter.isLongRunning(c.method(), c.path(), c.query()))
        .isEqualTo(c.longRunning());
  }

  private List<Permit> acquire(String client, boolean mutating, int n) {
    List<Permit> permits = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      permits.add(limiter.tryAcquire(client, mutating).orElseThrow());
    }
    return permits;
  }

  private static List<Permit> acquireAll(InflightLimiter limiter, String client) {
    List<Permit> permits = new ArrayList<>();
    for (Optional<Permit> p = limiter.tryAcquire(client, false); p.isPresent();
        p = limiter.tryAcquire(client, false)) {
      permits.add(p.get());
    }
    return permits;
  }
}

package io.capstan.proxy;

import static io.capstan.proxy.Conversation.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controller.runtime.draining.Draining;
import io.capstan.proxy.routing.Endpoint;
import io.capstan.proxy.routing.ServicePortKey;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DrainingTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final String CLUSTER_IP = "127.96.10.1";
  private static final String ACK = Draining.ackAnnotation(ProxyFixture.NODE);

  private ProxyFixture fx;
  private Backend backendA;

  @BeforeEach
  void start() throws Exception {
    fx = new ProxyFixture("drain-test");
    fx.startProxy(c -> c);
    Pod a = fx.createPod("pod-a", "web");
    Pod b = fx.createPod("pod-b", "web");
    backendA = fx.backend("a", "127.1.10.1");
    Backend backendB = fx.backend("b", "127.1.10.2");
    fx.publish("web", "web-a", backendA.host(), backendA.port(), a, true, false);
    fx.publish("web", "web-b", backendB.host(), backendB.port(), b, true, false);
    fx.createService("web", CLUSTER_IP, s -> s);
    await().atMost(DEADLINE).until(() -> usable().size() == 2);
    await().atMost(DEADLINE).until(() -> !ask(CLUSTER_IP, 8080).equals("refused"));
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  private List<Endpoint> usable() {
    return fx.proxy.usableEndpoints(new ServicePortKey(fx.namespace, "web", "http"));
  }

  /** A connection through the proxy that landed on pod-a. */
  private Conversation connectionToA() throws IOException {
    List<Conversation> others = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        Conversation c = new Conversation(CLUSTER_IP, 8080, null);
        if (c.readLine().equals("a")) {
          return c;
        }
        others.add(c);
      }
      throw new AssertionError("no connection reached pod-a");
    } finally {
      for (Conversation other : others) {
        other.close();
      }
    }
  }

  private Optional<String> ack() {
    Map<String, String> annotations = fx.client.pods().inNamespace(fx.namespace)
        .withName("pod-a").get().getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(ACK));
  }

  private void deletePodA() {
    fx.client.pods().inNamespace(fx.namespace).withName("pod-a").withGracePeriod(30).delete();
  }

  @Test
  void podLeavesRotationAtOnceAndIsAcknowledgedOnceItsConnectionCloses() throws Exception {
    Conversation toA = connectionToA();

    deletePodA();

    // Out of rotation although its slice still says ready: new connections all go to b.
    await().atMost(DEADLINE).until(() -> usable().size() == 1);
    assertThat(usable().getFirst().address()).isEqualTo("127.1.10.2");
    assertThat(List.of(ask(CLUSTER_IP, 8080), ask(CLUSTER_IP, 8080), ask(CLUSTER_IP, 8080)))
        .containsOnly("b");
    assertThat(fx.client.discovery().v1().endpointSlices().inNamespace(fx.namespace)
        .withName("web-a").get().getEndpoints().getFirst().getConditions().getReady()).isTrue();
    // The open connection is left alone, and holds the acknowledgement back.
    assertThat(toA.echo("still there")).isEqualTo("still there");
    await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> ack().isEmpty());

    toA.close();

    await().atMost(DEADLINE).until(() -> ack().isPresent());
    assertThat(Instant.parse(ack().orElseThrow())).isEqualTo(fx.clock.instant());
  }

  @Test
  void acknowledgesAtHalfTheGracePeriodWhenAConnectionStaysOpen() throws Exception {
    try (Conversation toA = connectionToA()) {
      Instant deleted = fx.clock.instant();
      deletePodA();
      await().atMost(DEADLINE).until(() -> usable().size() == 1);

      fx.clock.advance(Duration.ofSeconds(14));
      await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> ack().isEmpty());
      fx.clock.advance(Duration.ofSeconds(1));

      await().atMost(DEADLINE).until(() -> ack().isPresent());
      assertThat(Instant.parse(ack().orElseThrow())).isEqualTo(deleted.plusSeconds(15));
      assertThat(toA.echo("not cut")).isEqualTo("not cut");
      assertThat(backendA.open()).isEqualTo(1);
    }
  }

  @Test
  void proxyLeaseIsRenewedAndDeletedOnClose() {
    Instant started = fx.clock.instant();
    var lease = fx.client.leases().inNamespace(Draining.LEASE_NAMESPACE)
        .withName(Draining.proxyLeaseName(ProxyFixture.NODE));
    Lease written = lease.get();
    assertThat(written.getSpec().getHolderIdentity()).isEqualTo(ProxyFixture.NODE);
    assertThat(written.getSpec().getLeaseDurationSeconds())
        .isEqualTo((int) Draining.LEASE_DURATION.toSeconds());
    assertThat(written.getSpec().getRenewTime().toInstant()).isEqualTo(started);

    fx.clock.advance(Draining.LEASE_RENEWAL);

    assertThat(lease.get().getSpec().getRenewTime().toInstant())
        .isEqualTo(started.plus(Draining.LEASE_RENEWAL));
    assertThat(Draining.isFresh(lease.get(), fx.clock.instant())).isTrue();

    fx.proxy.close();

    assertThat(lease.get()).isNull();
  }
}

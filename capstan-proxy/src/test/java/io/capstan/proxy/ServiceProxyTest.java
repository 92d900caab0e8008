package io.capstan.proxy;

import static io.capstan.proxy.Conversation.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.proxy.routing.Balancing;
import io.capstan.proxy.routing.ServicePortKey;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceProxyTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private ProxyFixture fx;

  @BeforeEach
  void start() throws Exception {
    fx = new ProxyFixture("proxy-test");
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  private ServicePortKey http(String service) {
    return new ServicePortKey(fx.namespace, service, "http");
  }

  private void awaitEndpoints(String service, int count) {
    await().atMost(DEADLINE).until(() -> fx.proxy.usableEndpoints(http(service)).size() == count);
  }

  private static List<String> askTimes(String host, int port, int times) {
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      answers.add(ask(host, port));
    }
    return answers;
  }

  @Test
  void roundRobinOverReadyEndpointsOnly() throws Exception {
    fx.startProxy(c -> c);
    for (String name : List.of("a", "b", "c")) {
      fx.publish("web", "web-" + name, fx.backend(name, "127.1.1." + (name.charAt(0) - 'a' + 1)));
    }
    Backend notReady = fx.backend("not-ready", "127.1.1.4");
    fx.publish("web", "web-d", notReady.host(), notReady.port(), null, false, false);
    Backend terminating = fx.backend("terminating", "127.1.1.5");
    fx.publish("web", "web-e", terminating.host(), terminating.port(), null, true, true);
    Backend unknown = fx.backend("unknown", "127.1.1.6");
    fx.publish("web", "web-f", unknown.host(), unknown.port(), null, null, null);
    fx.createService("web", "127.96.1.1", s -> s);
    awaitEndpoints("web", 4);
    await().atMost(DEADLINE).until(() -> !ask("127.96.1.1", 8080).equals("refused"));

    Map<String, Long> answers = askTimes("127.96.1.1", 8080, 8).stream()
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

    assertThat(answers).containsOnly(Map.entry("a", 2L), Map.entry("b", 2L),
        Map.entry("c", 2L), Map.entry("unknown", 2L));
  }

  @Test
  void leastConnectionsPrefersTheIdleEndpoint() throws Exception {
    fx.startProxy(c -> c.withBalancing(Balancing.LEAST_CONNECTIONS));
    fx.publish("web", "web-a", fx.backend("a", "127.1.2.1"));
    fx.publish("web", "web-b", fx.backend("b", "127.1.2.2"));
    fx.createService("web", "127.96.2.1", s -> s);
    awaitEndpoints("web", 2);
    await().atMost(DEADLINE).until(() -> !ask("127.96.2.1", 8080).equals("refused"));

    try (Conversation first = new Conversation("127.96.2.1", 8080, null);
        Conversation second = new Conversation("127.96.2.1", 8080, null)) {
      String firstName = first.readLine();
      assertThat(second.readLine()).isNotEqualTo(firstName).isIn("a", "b");
      assertThat(first.echo("hello")).isEqualTo("hello");
    }
  }

  @Test
  void refusedEndpointIsSkipped() throws Exception {
    fx.startProxy(c -> c);
    Backend alive = fx.backend("alive", "127.1.3.1");
    fx.publish("web", "web-a", alive);
    fx.publish("web", "web-dead", "127.1.3.2", alive.port(), null, true, false);
    fx.createService("web", "127.96.3.1", s -> s);
    awaitEndpoints("web", 2);
    await().atMost(DEADLINE).until(() -> !ask("127.96.3.1", 8080).equals("refused"));

    assertThat(askTimes("127.96.3.1", 8080, 6)).containsOnly("alive");
  }

  @Test
  void nodePortListensOnTheNodeIp() throws Exception {
    fx.startProxy(c -> c);
    int nodePort = ThreadLocalRandom.current().nextInt(30000, 32768);
    fx.publish("web", "web-a", fx.backend("a", "127.1.4.1"));
    fx.createService("web", "127.96.4.1", s -> s.editSpec().withType("NodePort")
        .withPorts(new ServicePortBuilder().withName("http").withPort(8080)
            .withNodePort(nodePort).build()).endSpec());

    await().atMost(DEADLINE).until(() -> ask("127.0.0.1", nodePort).equals("a"));
    assertThat(ask("127.96.4.1", 8080)).isEqualTo("a");
  }

  @Test
  void serviceChangesRebindAndDeletionUnbinds() throws Exception {
    fx.startProxy(c -> c);
    fx.publish("web", "web-a", fx.backend("a", "127.1.5.1"));
    fx.createService("web", "127.96.5.1", s -> s);
    await().atMost(DEADLINE).until(() -> ask("127.96.5.1", 8080).equals("a"));

    fx.client.services().inNamespace(fx.namespace).withName("web").edit(s -> {
      s.getSpec().getPorts().getFirst().setPort(9090);
      return s;
    });
    await().atMost(DEADLINE).until(() -> ask("127.96.5.1", 9090).equals("a"));
    await().atMost(DEADLINE).until(() -> ask("127.96.5.1", 8080).equals("refused"));

    fx.client.services().inNamespace(fx.namespace).withName("web").delete();
    await().atMost(DEADLINE).until(() -> ask("127.96.5.1", 9090).equals("refused"));
  }

  @Test
  void clientIpAffinitySticksUntilItsTimeout() throws Exception {
    fx.startProxy(c -> c);
    for (int i = 1; i <= 3; i++) {
      fx.publish("web", "web-" + i, fx.backend("b" + i, "127.1.6." + i));
    }
    fx.createService("web", "127.96.6.1", s -> s.editSpec().withSessionAffinity("ClientIP")
        .withNewSessionAffinityConfig().withNewClientIP().withTimeoutSeconds(60).endClientIP()
        .endSessionAffinityConfig().endSpec());
    awaitEndpoints("web", 3);
    await().atMost(DEADLINE).until(() -> !ask("127.96.6.1", 8080, "127.0.0.2").equals("refused"));

    String stuck = ask("127.96.6.1", 8080, "127.0.0.3");
    // Without affinity, consecutive connections would go round the three endpoints; each one
    // also renews the stick, so it outlives the 60 s timeout counted from the first.
    for (int i = 0; i < 5; i++) {
      fx.clock.advance(Duration.ofSeconds(50));
      assertThat(ask("127.96.6.1", 8080, "127.0.0.3")).isEqualTo(stuck);
    }
    fx.clock.advance(Duration.ofSeconds(61));

    assertThat(ask("127.96.6.1", 8080, "127.0.0.3")).isNotEqualTo(stuck).isIn("b1", "b2", "b3");
  }

  @Test
  void serviceWithoutEndpointsClosesConnections() throws Exception {
    fx.startProxy(c -> c);
    fx.createService("web", "127.96.7.1", s -> s);

    await().atMost(DEADLINE).until(() -> ask("127.96.7.1", 8080).equals(""));
  }

  @Test
  void aThousandServicesAreAllListenedOn() {
    fx.startProxy(c -> c);
    for (int i = 0; i < 1000; i++) {
      fx.createService("svc-" + i, "127.98." + (i / 250) + "." + (i % 250 + 1), s -> s);
    }

    // Counted within the test's range: the API server's own kubernetes Service is listened on too.
    await().atMost(Duration.ofSeconds(60)).until(() -> fx.proxy.listening().stream()
        .filter(a -> a.host().startsWith("127.98.")).count() == 1000);
    assertThat(ask("127.98.3.250", 8080)).isEmpty();
  }
}

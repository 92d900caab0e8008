package io.capstan.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoutesTest {

  private static final String NODE_IP = "192.0.2.10";

  private static Service service(UnaryOperator<ServiceBuilder> edit) {
    return edit.apply(new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("web")
        .endMetadata().withNewSpec().withClusterIP("127.96.0.5")
        .addNewPort().withName("http").withPort(80).withNodePort(30080).endPort().endSpec())
        .build();
  }

  private static EndpointSlice slice(String portName, Boolean ready, Boolean terminating) {
    return new EndpointSliceBuilder().withNewMetadata().withNamespace("ns").withName("web-x")
        .endMetadata().withAddressType("IPv4")
        .addNewPort().withName(portName).withPort(8080).endPort()
        .withEndpoints(new EndpointBuilder().withAddresses("127.1.0.7")
            .withNewConditions().withReady(ready).withTerminating(terminating).endConditions()
            .withNewTargetRef().withKind("Pod").withUid("uid-7").endTargetRef().build())
        .build();
  }

  record EndpointCase(String name, String portName, Boolean ready, Boolean terminating,
      boolean usable) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<EndpointCase> endpointCases() {
    return Stream.of(
        new EndpointCase("ready", "http", true, false, true),
        new EndpointCase("no conditions count as ready", "http", null, null, true),
        new EndpointCase("not ready", "http", false, false, false),
        new EndpointCase("terminating", "http", true, true, false),
        new EndpointCase("terminating and not ready", "http", false, true, false),
        new EndpointCase("another port's name", "metrics", true, false, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpointCases")
  void endpointsComeFromReadyNonTerminatingSliceEndpointsOfTheSamePortName(EndpointCase c) {
    Routes.ServiceRoutes routes = Routes.of(service(s -> s),
        List.of(slice(c.portName(), c.ready(), c.terminating())), NODE_IP);

    List<Endpoint> endpoints = routes.ports().getFirst().endpoints();
    if (c.usable()) {
      assertThat(endpoints).containsExactly(new Endpoint("127.1.0.7", 8080, "uid-7"));
    } else {
      assertThat(endpoints).isEmpty();
    }
  }

  @Test
  void anUnnamedServicePortMatchesTheUnnamedSlicePort() {
    Service unnamed = service(s -> s.editSpec().editFirstPort().withName(null).endPort()
        .endSpec());
    Routes.ServiceRoutes routes = Routes.of(unnamed, List.of(slice(null, true, false)), NODE_IP);

    assertThat(routes.ports().getFirst().key().portName()).isEmpty();
    assertThat(routes.ports().getFirst().endpoints()).hasSize(1);
  }

  record ListenCase(String name, UnaryOperator<ServiceBuilder> edit, List<String> listens) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ListenCase> listenCases() {
    return Stream.of(
        new ListenCase("ClusterIP", s -> s, List.of("127.96.0.5:80")),
        new ListenCase("NodePort", s -> s.editSpec().withType("NodePort").endSpec(),
            List.of("127.96.0.5:80", NODE_IP + ":30080")),
        new ListenCase("LoadBalancer", s -> s.editSpec().withType("LoadBalancer").endSpec(),
            List.of("127.96.0.5:80", NODE_IP + ":30080")),
        new ListenCase("headless", s -> s.editSpec().withClusterIP("None").endSpec(), List.of()),
        new ListenCase("no cluster IP yet", s -> s.editSpec().withClusterIP(null).endSpec(),
            List.of()),
        new ListenCase("ExternalName", s -> s.editSpec().withType("ExternalName")
            .withExternalName("example.com").endSpec(), List.of()),
        new ListenCase("UDP", s -> s.editSpec().editFirstPort().withProtocol("UDP").endPort()
            .endSpec(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listenCases")
  void listensOnClusterIpsAndNodePorts(ListenCase c) {
    Routes.ServiceRoutes routes = Routes.of(service(c.edit()), List.of(), NODE_IP);

    assertThat(routes.ports().stream().flatMap(p -> p.listens().stream())
        .map(ListenAddress::toString)).containsExactlyElementsOf(c.listens());
  }

  @Test
  void udpPortsAreReportedAsUnsupported() {
    Routes.ServiceRoutes routes = Routes.of(service(s -> s.editSpec().editFirstPort()
        .withProtocol("UDP").endPort().endSpec()), List.of(), NODE_IP);

    assertThat(routes.unsupported()).containsExactly(new ServicePortKey("ns", "web", "http"));
  }

  @Test
  void clientIpAffinityDefaultsToThreeHours() {
    Routes.PortRoute defaulted = Routes.of(service(s -> s.editSpec()
        .withSessionAffinity("ClientIP").endSpec()), List.of(), NODE_IP).ports().getFirst();
    Routes.PortRoute configured = Routes.of(service(s -> s.editSpec()
        .withSessionAffinity("ClientIP").withNewSessionAffinityConfig().withNewClientIP()
        .withTimeoutSeconds(60).endClientIP().endSessionAffinityConfig().endSpec()), List.of(),
        NODE_IP).ports().getFirst();
    Routes.PortRoute none = Routes.of(service(s -> s), List.of(), NODE_IP).ports().getFirst();

    assertThat(defaulted.affinity()).isEqualTo(Duration.ofHours(3));
    assertThat(configured.affinity()).isEqualTo(Duration.ofSeconds(60));
    assertThat(none.affinity()).isZero();
  }
}

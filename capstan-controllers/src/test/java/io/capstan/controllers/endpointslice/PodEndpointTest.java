package io.capstan.controllers.endpointslice;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.controllers.endpoints.Pods;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PodEndpointTest {

  record Case(String name, Pod pod, boolean publishNotReady, PodEndpoint.Conditions expected) {}

  static Stream<Case> cases() {
    Pod ready = Pods.pod("a", "10.0.0.1", true);
    Pod unready = Pods.pod("a", "10.0.0.1", false);
    return Stream.of(
        new Case("ready", ready, false, new PodEndpoint.Conditions(true, true, false)),
        new Case("not ready", unready, false, new PodEndpoint.Conditions(false, false, false)),
        new Case("ready and terminating", Pods.terminating(ready), false,
            new PodEndpoint.Conditions(false, true, true)),
        new Case("not ready and terminating", Pods.terminating(unready), false,
            new PodEndpoint.Conditions(false, false, true)),
        new Case("publishNotReadyAddresses, not ready", unready, true,
            new PodEndpoint.Conditions(true, false, false)),
        new Case("publishNotReadyAddresses, terminating", Pods.terminating(ready), true,
            new PodEndpoint.Conditions(true, true, true)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void derivesConditions(Case c) {
    assertThat(PodEndpoint.Conditions.of(c.pod(), c.publishNotReady())).isEqualTo(c.expected());
    var endpoint = PodEndpoint.of(c.pod(), Optional.empty(), Pods.service(new IntOrString(80), c.publishNotReady()),
        "IPv4");
    assertThat(endpoint.getConditions().getReady()).isEqualTo(c.expected().ready());
    assertThat(endpoint.getConditions().getServing()).isEqualTo(c.expected().serving());
    assertThat(endpoint.getConditions().getTerminating()).isEqualTo(c.expected().terminating());
  }

  @Test
  void endpointCarriesAddressNodeZoneAndTarget() {
    var node = new NodeBuilder().withNewMetadata().withName("node-1")
        .withLabels(Map.of(SliceLabels.ZONE, "zone-a")).endMetadata().build();
    var endpoint = PodEndpoint.of(Pods.pod("a", "10.0.0.1", true), Optional.of(node),
        Pods.service(new IntOrString(80), false), "IPv4");
    assertThat(endpoint.getAddresses()).containsExactly("10.0.0.1");
    assertThat(endpoint.getNodeName()).isEqualTo("node-1");
    assertThat(endpoint.getZone()).isEqualTo("zone-a");
    assertThat(endpoint.getTargetRef().getName()).isEqualTo("a");
    assertThat(PodEndpoint.of(Pods.pod("a", "10.0.0.1", true), Optional.empty(),
        Pods.service(new IntOrString(80), false), "IPv6").getAddresses()).isEmpty();
  }

  @Test
  void portsNamedAfterServicePorts() {
    assertThat(PodEndpoint.ports(Pods.service(new IntOrString("http"), false), Pods.pod("a", "10.0.0.1", true)))
        .singleElement().satisfies(p -> {
          assertThat(p.getName()).isEqualTo("http");
          assertThat(p.getPort()).isEqualTo(8080);
          assertThat(p.getProtocol()).isEqualTo("TCP");
        });
  }
}

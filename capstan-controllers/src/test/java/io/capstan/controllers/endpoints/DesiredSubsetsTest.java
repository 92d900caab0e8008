package io.capstan.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DesiredSubsetsTest {

  /** Ready and not-ready IPs of the single subset expected, with its port. */
  record Case(String name, List<Pod> pods, boolean publishNotReady, List<String> ready, List<String> notReady) {}

  static Stream<Case> cases() {
    Pod a = Pods.pod("a", "10.0.0.1", true);
    Pod b = Pods.pod("b", "10.0.0.2", false);
    Pod c = Pods.terminating(Pods.pod("c", "10.0.0.3", true));
    return Stream.of(
        new Case("ready and unready", List.of(b, a), false, List.of("10.0.0.1"), List.of("10.0.0.2")),
        new Case("terminating pod left out", List.of(a, c), false, List.of("10.0.0.1"), List.of()),
        new Case("publishNotReadyAddresses: all ready, terminating kept", List.of(a, b, c), true,
            List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void splitsPodsByReadiness(Case c) {
    List<EndpointSubset> subsets = DesiredSubsets.of(Pods.service(new IntOrString("http"), c.publishNotReady()),
        c.pods());
    assertThat(subsets).hasSize(1);
    assertThat(ips(subsets.getFirst().getAddresses())).isEqualTo(c.ready());
    assertThat(ips(subsets.getFirst().getNotReadyAddresses())).isEqualTo(c.notReady());
    assertThat(subsets.getFirst().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getName()).isEqualTo("http");
      assertThat(p.getPort()).isEqualTo(8080);
      assertThat(p.getProtocol()).isEqualTo("TCP");
    });
  }

  @Test
  void addressCarriesNodeAndTarget() {
    EndpointAddress address = DesiredSubsets.of(Pods.service(new IntOrString(80), false),
        List.of(Pods.pod("a", "10.0.0.1", true))).getFirst().getAddresses().getFirst();
    assertThat(address.getNodeName()).isEqualTo("node-1");
    assertThat(address.getTargetRef().getKind()).isEqualTo("Pod");
    assertThat(address.getTargetRef().getName()).isEqualTo("a");
    assertThat(address.getTargetRef().getNamespace()).isEqualTo("ns");
    assertThat(address.getTargetRef().getUid()).isEqualTo("uid-a");
  }

  @Test
  void podWithoutNamedPortIsSkipped() {
    Pod bare = new PodBuilder(Pods.pod("b", "10.0.0.2", true)).editSpec().editFirstContainer().withPorts(List.of())
        .endContainer().endSpec().build();
    List<EndpointSubset> subsets = DesiredSubsets.of(Pods.service(new IntOrString("http"), false),
        List.of(Pods.pod("a", "10.0.0.1", true), bare));
    assertThat(subsets).singleElement().satisfies(s -> assertThat(ips(s.getAddresses())).containsExactly("10.0.0.1"));
  }

  static List<String> ips(List<EndpointAddress> addresses) {
    return addresses == null ? List.of() : addresses.stream().map(EndpointAddress::getIp).toList();
  }
}

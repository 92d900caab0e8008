package io.capstan.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PodEndpointsTest {

  record Case(String name, Pod pod, boolean includeTerminating, boolean listed) {}

  static Stream<Case> memberships() {
    Pod ready = Pods.pod("a", "10.0.0.1", true);
    return Stream.of(
        new Case("ready pod with IP", ready, false, true),
        new Case("unready pod with IP", Pods.pod("a", "10.0.0.1", false), false, true),
        new Case("no IP yet", Pods.pod("a", null, true), true, false),
        new Case("succeeded", Pods.phase(ready, "Succeeded"), true, false),
        new Case("failed", Pods.phase(ready, "Failed"), true, false),
        new Case("terminating, not wanted", Pods.terminating(ready), false, false),
        new Case("terminating, wanted", Pods.terminating(ready), true, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("memberships")
  void decidesWhichPodsAreListed(Case c) {
    assertThat(PodEndpoints.shouldPodBeInEndpoints(c.pod(), c.includeTerminating())).isEqualTo(c.listed());
  }

  record PortCase(String name, IntOrString target, String protocol, Optional<Integer> port) {}

  static Stream<PortCase> ports() {
    return Stream.of(
        new PortCase("number as is", new IntOrString(9376), "TCP", Optional.of(9376)),
        new PortCase("named port found", new IntOrString("http"), "TCP", Optional.of(8080)),
        new PortCase("named port, other protocol", new IntOrString("http"), "UDP", Optional.empty()),
        new PortCase("named port missing", new IntOrString("metrics"), "TCP", Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ports")
  void resolvesTargetPorts(PortCase c) {
    var servicePort = new ServicePortBuilder().withPort(80).withProtocol(c.protocol()).withTargetPort(c.target())
        .build();
    assertThat(ServicePorts.findPort(Pods.pod("a", "10.0.0.1", true), servicePort)).isEqualTo(c.port());
  }

  @org.junit.jupiter.api.Test
  void namedPortOfSidecarIsFound() {
    Pod pod = new PodBuilder(Pods.pod("a", "10.0.0.1", true)).editSpec().addNewInitContainer().withName("side")
        .withRestartPolicy("Always").addNewPort().withName("proxy").withContainerPort(15001).endPort()
        .endInitContainer().endSpec().build();
    var servicePort = new ServicePortBuilder().withPort(80).withTargetPort(new IntOrString("proxy")).build();
    assertThat(ServicePorts.findPort(pod, servicePort)).contains(15001);
  }
}

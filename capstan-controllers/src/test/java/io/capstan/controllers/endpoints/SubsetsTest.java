package io.capstan.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SubsetsTest {

  static EndpointAddress addr(String ip) {
    return new EndpointAddressBuilder().withIp(ip).build();
  }

  static EndpointPort port(String name, int number) {
    return new EndpointPortBuilder().withName(name).withPort(number).withProtocol("TCP").build();
  }

  static EndpointSubset subset(List<EndpointAddress> ready, List<EndpointAddress> notReady, EndpointPort... ports) {
    return new EndpointSubsetBuilder().withAddresses(ready).withNotReadyAddresses(notReady).withPorts(ports).build();
  }

  /** Each expected subset rendered as "ready ips|not ready ips|ports". */
  record Case(String name, List<EndpointSubset> input, List<String> expected) {}

  static Stream<Case> cases() {
    return Stream.of(
        new Case("same port merges addresses, sorted",
            List.of(subset(List.of(addr("10.0.0.2")), List.of(), port("p", 80)),
                subset(List.of(addr("10.0.0.1")), List.of(), port("p", 80))),
            List.of("10.0.0.1,10.0.0.2||p:80")),
        new Case("ports with the same addresses group",
            List.of(subset(List.of(addr("10.0.0.1")), List.of(), port("a", 80)),
                subset(List.of(addr("10.0.0.1")), List.of(), port("b", 81))),
            List.of("10.0.0.1||a:80,b:81")),
        new Case("different address sets split",
            List.of(subset(List.of(addr("10.0.0.1")), List.of(), port("a", 80), port("b", 443)),
                subset(List.of(addr("10.0.0.2")), List.of(), port("a", 80))),
            List.of("10.0.0.1,10.0.0.2||a:80", "10.0.0.1||b:443")),
        new Case("not ready trumps ready for the same port",
            List.of(subset(List.of(addr("10.0.0.1")), List.of(), port("a", 80)),
                subset(List.of(), List.of(addr("10.0.0.1")), port("a", 80))),
            List.of("|10.0.0.1|a:80")),
        new Case("no ports keeps addresses",
            List.of(subset(List.of(addr("10.0.0.1")), List.of(addr("10.0.0.2")))),
            List.of("10.0.0.1|10.0.0.2|")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void repacks(Case c) {
    assertThat(Subsets.repack(c.input()).stream().map(SubsetsTest::render).toList()).isEqualTo(c.expected());
  }

  @Test
  void repackIsStable() {
    var input = List.of(subset(List.of(addr("10.0.0.1")), List.of(), port("a", 80), port("b", 443)),
        subset(List.of(addr("10.0.0.2")), List.of(), port("a", 80)));
    assertThat(Subsets.repack(Subsets.repack(input))).isEqualTo(Subsets.repack(input));
  }

  @Test
  void truncatesNotReadyFirst() {
    List<EndpointAddress> ready = ips(0, 900);
    List<EndpointAddress> notReady = ips(900, 300);
    var truncated = Subsets.truncate(List.of(subset(ready, notReady, port("a", 80))));
    assertThat(truncated.getFirst().getAddresses()).hasSize(900);
    assertThat(truncated.getFirst().getNotReadyAddresses()).hasSize(100);
    assertThat(Subsets.addressCount(truncated)).isEqualTo(Subsets.MAX_CAPACITY);
  }

  @Test
  void truncatesReadyProportionallyWhenTheyAloneOverflow() {
    var truncated = Subsets.truncate(List.of(subset(ips(0, 900), ips(2000, 10), port("a", 80)),
        subset(ips(1000, 300), List.of(), port("b", 81))));
    assertThat(truncated.get(0).getAddresses()).hasSize(750);
    assertThat(truncated.get(0).getNotReadyAddresses()).isEmpty();
    assertThat(truncated.get(1).getAddresses()).hasSize(250);
  }

  @Test
  void leavesSmallSubsetsAlone() {
    var subsets = List.of(subset(ips(0, 10), List.of(), port("a", 80)));
    assertThat(Subsets.truncate(subsets)).isSameAs(subsets);
  }

  private static List<EndpointAddress> ips(int from, int count) {
    return new ArrayList<>(IntStream.range(from, from + count)
        .mapToObj(i -> addr("10.1." + (i / 250) + "." + (i % 250))).toList());
  }

  private static String render(EndpointSubset s) {
    return String.join(",", DesiredSubsetsTest.ips(s.getAddresses())) + "|"
        + String.join(",", DesiredSubsetsTest.ips(s.getNotReadyAddresses())) + "|"
        + String.join(",", (s.getPorts() == null ? List.<EndpointPort>of() : s.getPorts()).stream()
            .map(p -> p.getName() + ":" + p.getPort()).toList());
  }
}

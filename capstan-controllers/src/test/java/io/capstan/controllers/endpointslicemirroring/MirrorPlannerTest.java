package io.capstan.controllers.endpointslicemirroring;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MirrorPlannerTest {

  record Case(String name, String ip, Optional<String> type) {}

  static Stream<Case> addresses() {
    return Stream.of(
        new Case("IPv4", "10.1.2.3", Optional.of("IPv4")),
        new Case("IPv6", "fd00::1", Optional.of("IPv6")),
        new Case("octet too large", "10.1.2.300", Optional.empty()),
        new Case("hostname", "db.example.com", Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("addresses")
  void classifiesAddresses(Case c) {
    assertThat(MirrorPlanner.addressType(c.ip())).isEqualTo(c.type());
  }

  @Test
  void mirrorsOnceThenPlansNothing() {
    Endpoints ep = new EndpointsBuilder().withNewMetadata().withName("ext").withNamespace("ns").withUid("ep-uid")
        .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{}").addToAnnotations("a", "b")
        .endMetadata()
        .addNewSubset().addNewAddress().withIp("10.0.0.1").endAddress().addNewAddress().withIp("fd00::1").endAddress()
        .addNewNotReadyAddress().withIp("bogus").endNotReadyAddress()
        .addNewPort().withName("db").withPort(5432).withProtocol("TCP").endPort().endSubset().build();
    MirrorPlanner.Plan first = MirrorPlanner.plan(ep, List.of());
    assertThat(first.invalidAddresses()).isEqualTo(1);
    assertThat(first.changes().toCreate()).extracting(EndpointSlice::getAddressType)
        .containsExactlyInAnyOrder("IPv4", "IPv6");
    EndpointSlice v4 = first.changes().toCreate().stream().filter(s -> s.getAddressType().equals("IPv4"))
        .findFirst().orElseThrow();
    assertThat(v4.getMetadata().getAnnotations()).containsEntry("a", "b").hasSize(1);
    List<EndpointSlice> stored = first.changes().toCreate().stream().peek(s -> {
      s.getMetadata().setName(s.getMetadata().getGenerateName() + s.getAddressType().toLowerCase());
    }).toList();
    assertThat(MirrorPlanner.plan(ep, stored).changes().isEmpty()).isTrue();
  }
}

package io.capstan.apiserver.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AllocatorsTest {

  record Case(String text, Optional<String> canonical) {
    @Override
    public String toString() {
      return text;
    }
  }

  static Stream<Case> cidrs() {
    return Stream.of(
        new Case("127.96.0.0/12", Optional.of("127.96.0.0/12")),
        new Case("10.0.0.0/8", Optional.of("10.0.0.0/8")),
        new Case("127.96.0.1/12", Optional.empty()),
        new Case("127.96.0.0", Optional.empty()),
        new Case("127.96.0.0/33", Optional.empty()),
        new Case("127.096.0.0/12", Optional.empty()),
        new Case("256.0.0.0/8", Optional.empty()),
        new Case("fd00::/64", Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cidrs")
  void parsesCanonicalIpv4CidrsOnly(Case c) {
    assertThat(Ipv4Cidr.parse(c.text()).map(Ipv4Cidr::toString)).isEqualTo(c.canonical());
  }

  @Test
  void givesEveryAddressButNetworkAndBroadcastThenIsFull() {
    IpAllocator ips = new IpAllocator(Ipv4Cidr.parse("127.96.0.0/29").orElseThrow(),
        RandomGenerator.of("L64X128MixRandom"));
    Set<String> given = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      given.add(ips.allocateNext());
    }
    assertThat(given).containsExactlyInAnyOrder("127.96.0.1", "127.96.0.2", "127.96.0.3",
        "127.96.0.4", "127.96.0.5", "127.96.0.6");
    assertThatThrownBy(ips::allocateNext).hasMessage("range is full");
    assertThatThrownBy(() -> ips.allocate("127.96.0.7")).hasMessage(
        "the provided IP (127.96.0.7) is not in the valid range."
            + " The range of valid IPs is 127.96.0.0/29");
    ips.release("127.96.0.4");
    assertThat(ips.allocateNext()).isEqualTo("127.96.0.4");
    assertThatThrownBy(() -> ips.allocate("127.96.0.4"))
        .hasMessage("provided IP is already allocated");
  }

  @Test
  void nodePortsStayInTheirRange() {
    PortAllocator ports = new PortAllocator(30000, 30002, RandomGenerator.of("L64X128MixRandom"));
    Set<Integer> given = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      given.add(ports.allocateNext());
    }
    assertThat(given).containsExactlyInAnyOrder(30000, 30001, 30002);
    assertThatThrownBy(ports::allocateNext).hasMessage("range is full");
    assertThatThrownBy(() -> ports.allocate(29999)).hasMessage(
        "provided port is not in the valid range. The range of valid ports is 30000-30002");
  }

  @Test
  void aRevertedReservationGivesBackWhatItTookAndACommitWhatItReleased() {
    IpAllocator ips = new IpAllocator(Ipv4Cidr.parse("127.96.0.0/24").orElseThrow(),
        RandomGenerator.of("L64X128MixRandom"));
    PortAllocator ports = PortAllocator.defaultRange(RandomGenerator.of("L64X128MixRandom"));
    Reservation failed = new Reservation(ips, ports, false);
    failed.allocateIp("127.96.0.9");
    failed.allocatePort(30500);
    failed.revert();
    assertThat(ips.has("127.96.0.9")).isFalse();
    assertThat(ports.has(30500)).isFalse();

    ports.allocate(30600);
    Reservation update = new Reservation(ips, ports, false);
    update.releasePortLater(30600);
    assertThat(ports.has(30600)).isTrue();
    update.commit();
    assertThat(ports.has(30600)).isFalse();

    Reservation dry = new Reservation(ips, ports, true);
    assertThat(dry.allocateNextIp()).isEqualTo("127.96.0.0");
    dry.allocatePort(30700);
    assertThat(ports.has(30700)).isFalse();
  }
}

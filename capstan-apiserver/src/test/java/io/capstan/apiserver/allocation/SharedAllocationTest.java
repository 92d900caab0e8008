package io.capstan.apiserver.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.store.memory.MemoryStore;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two servers' allocators on one store never hand out the same address or port. */
class SharedAllocationTest {

  private final MemoryStore store = new MemoryStore();

  @AfterEach
  void close() {
    store.close();
  }

  private IpAllocator ips() {
    return new IpAllocator(Ipv4Cidr.parse("10.0.0.0/29").orElseThrow(),
        RandomGenerator.getDefault(),
        Optional.of(new StoreClaims(store, "/registry/ranges/serviceips/")));
  }

  private PortAllocator ports() {
    return new PortAllocator(30000, 30003, RandomGenerator.getDefault(),
        Optional.of(new StoreClaims(store, "/registry/ranges/servicenodeports/")));
  }

  @Test
  void addressesAreClaimedOnceAcrossServers() {
    IpAllocator first = ips();
    IpAllocator second = ips();
    first.allocate("10.0.0.3");
    assertThatThrownBy(() -> second.allocate("10.0.0.3"))
        .hasMessage("provided IP is already allocated");

    // Six usable addresses: whoever picks, every one is handed out once and then the range is full.
    Set<String> handedOut = new HashSet<>(Set.of("10.0.0.3"));
    for (int i = 0; i < 5; i++) {
      assertThat(handedOut.add((i % 2 == 0 ? first : second).allocateNext())).isTrue();
    }
    assertThat(handedOut).hasSize(6);
    assertThatThrownBy(second::allocateNext).hasMessage("range is full");
  }

  @Test
  void whatOneServerGivesBackTheOtherCanTake() {
    IpAllocator first = ips();
    IpAllocator second = ips();
    second.restore("10.0.0.5"); // a Service the second server saw at its start
    first.release("10.0.0.5"); // deleted through the first server

    second.allocate("10.0.0.5");
    assertThatThrownBy(() -> first.allocate("10.0.0.5"))
        .hasMessage("provided IP is already allocated");
  }

  @Test
  void portsAreClaimedOnceAcrossServersAndFreedPortsAreFoundAgain() {
    PortAllocator first = ports();
    PortAllocator second = ports();
    first.allocate(30001);
    assertThatThrownBy(() -> second.allocate(30001))
        .hasMessage("provided port is already allocated");
    Set<Integer> handedOut = new HashSet<>(Set.of(30001));
    for (int i = 0; i < 3; i++) {
      assertThat(handedOut.add(second.allocateNext())).isTrue();
    }
    assertThatThrownBy(first::allocateNext).hasMessage("range is full");

    // The second server's memory says every port is taken; the store says one is free again.
    first.release(30001);
    assertThat(second.allocateNext()).isEqualTo(30001);
  }
}

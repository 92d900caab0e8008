package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodAddressesTest {

  @Test
  void skipsTheReservedAddressesAndKeepsOnePerPod() {
    PodAddresses addresses = new PodAddresses("127.1.0.0/16");
    assertThat(addresses.allocate("a", Optional.empty())).isEqualTo("127.1.0.2");
    assertThat(addresses.allocate("b", Optional.empty())).isEqualTo("127.1.0.3");
    assertThat(addresses.allocate("a", Optional.empty())).isEqualTo("127.1.0.2");
    assertThat(addresses.addressOf("b")).contains("127.1.0.3");
  }

  @Test
  void prefersTheAddressAPodAlreadyHadWhenFreeAndInRange() {
    PodAddresses addresses = new PodAddresses("127.1.0.0/16");
    assertThat(addresses.allocate("a", Optional.of("127.1.7.9"))).isEqualTo("127.1.7.9");
    assertThat(addresses.allocate("b", Optional.of("127.1.7.9"))).isEqualTo("127.1.0.2");
    assertThat(addresses.allocate("c", Optional.of("10.0.0.5"))).isEqualTo("127.1.0.3");
    assertThat(addresses.allocate("d", Optional.of("127.1.0.1"))).isEqualTo("127.1.0.4");
  }

  @Test
  void reusesReleasedAddressesOnlyAfterGoingRoundAndFailsWhenFull() {
    PodAddresses addresses = new PodAddresses("10.0.0.0/29");
    for (String pod : new String[] {"a", "b", "c", "d", "e"}) {
      addresses.allocate(pod, Optional.empty());
    }
    assertThat(addresses.addressOf("e")).contains("10.0.0.6");
    assertThatThrownBy(() -> addresses.allocate("f", Optional.empty()))
        .isInstanceOf(IllegalStateException.class);
    addresses.release("b");
    assertThat(addresses.allocate("f", Optional.empty())).isEqualTo("10.0.0.3");
    assertThat(addresses.addressOf("b")).isEmpty();
  }

  @Test
  void aRangeAssignedLaterIsUsedOnceItIsThereAndNeverChanges() {
    PodAddresses addresses = new PodAddresses("");
    assertThatThrownBy(
        () -> addresses.allocate("a", Optional.empty()))
        .hasMessageContaining("no pod CIDR yet");
    addresses.assign("127.1.7.0/24");
    assertThat(addresses.allocate("a", Optional.empty()))
        .isEqualTo("127.1.7.2");
    addresses.assign("127.1.7.0/24");
    assertThatThrownBy(() -> addresses.assign("127.1.8.0/24"))
        .hasMessageContaining("already assigned");
  }
}

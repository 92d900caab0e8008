package io.capstan.controllers.nodeipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PodCidrRangesTest {

  record Case(String name, String cluster, int mask, long count, long index, String range) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("the default: a /16 in /24s", "127.1.0.0/16", 24, 256, 3, "127.1.3.0/24"),
        new Case("the last range", "127.1.0.0/16", 24, 256, 255, "127.1.255.0/24"),
        new Case("host bits of the cluster range are ignored", "10.244.7.9/16", 24, 256, 0,
            "10.244.0.0/24"),
        new Case("ranges across an octet", "127.0.0.0/8", 20, 4096, 17, "127.1.16.0/20"),
        new Case("one range when the sizes match", "127.2.0.0/24", 24, 1, 0, "127.2.0.0/24"),
        new Case("small node ranges", "127.3.0.0/24", 26, 4, 2, "127.3.0.128/26"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rangesAreNumberedInAddressOrder(Case c) {
    PodCidrRanges ranges = PodCidrRanges.of(c.cluster(), c.mask());
    assertThat(ranges.count()).isEqualTo(c.count());
    assertThat(ranges.range(c.index())).isEqualTo(c.range());
    assertThat(ranges.indexOf(c.range())).contains(c.index());
  }

  @Test
  void onlyRangesOfTheNodeSizeInsideTheClusterRangeHaveAnIndex() {
    PodCidrRanges ranges = PodCidrRanges.of("127.1.0.0/16", 24);
    assertThat(ranges.indexOf("127.2.0.0/24")).isEmpty();
    assertThat(ranges.indexOf("127.1.0.0/25")).isEmpty();
    assertThat(ranges.indexOf("not a range")).isEmpty();
    assertThat(ranges.indexOf("")).isEmpty();
  }

  @Test
  void aCidrOfAnotherSizeOverlapsTheRangesItTouches() {
    PodCidrRanges ranges = PodCidrRanges.of("127.1.0.0/16", 24);
    assertThat(ranges.overlapping("127.1.3.0/24")).containsExactly(3L);
    assertThat(ranges.overlapping("127.1.0.0/16")).hasSize(256).startsWith(0L).endsWith(255L);
    assertThat(ranges.overlapping("127.1.4.0/23")).containsExactly(4L, 5L);
    assertThat(ranges.overlapping("127.1.7.128/25")).containsExactly(7L);
    assertThat(ranges.overlapping("127.0.0.0/8")).hasSize(256);
    assertThat(ranges.overlapping("127.2.0.0/24")).isEmpty();
    assertThat(ranges.overlapping("")).isEmpty();
  }

  @Test
  void theFirstFreeRangeSkipsTakenOnesAndRunsOut() {
    PodCidrRanges ranges = PodCidrRanges.of("127.3.0.0/24", 26);
    assertThat(ranges.firstFree(Set.of())).contains("127.3.0.0/26");
    assertThat(ranges.firstFree(Set.of(0L, 2L))).contains("127.3.0.64/26");
    assertThat(ranges.firstFree(Set.of(0L, 1L, 2L, 3L))).isEqualTo(Optional.empty());
  }

  @Test
  void aNodeMaskLargerThanTheClusterRangeIsRefused() {
    assertThatThrownBy(() -> PodCidrRanges.of("127.1.0.0/16", 8))
        .hasMessageContaining("must be from the cluster CIDR's 16 to 30");
    assertThatThrownBy(() -> PodCidrRanges.of("127.1.0.0/16", 31))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PodCidrRanges.of("127.1.0/16", 24))
        .hasMessageContaining("not an IPv4 CIDR");
  }
}

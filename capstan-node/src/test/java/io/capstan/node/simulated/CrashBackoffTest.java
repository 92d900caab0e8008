package io.capstan.node.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CrashBackoffTest {

  record Case(String name, int restart, double scale, Duration expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("first restart waits 10s", 1, 1.0, Duration.ofSeconds(10)),
        new Case("second doubles", 2, 1.0, Duration.ofSeconds(20)),
        new Case("sixth is 320s capped to 300s", 6, 1.0, Duration.ofMinutes(5)),
        new Case("hundredth stays capped", 100, 1.0, Duration.ofMinutes(5)),
        new Case("scale shrinks for tests", 2, 0.01, Duration.ofMillis(200)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void backOffDoublesAndCaps(Case c) {
    assertThat(CrashBackoff.before(c.restart(), c.scale())).isEqualTo(c.expected());
  }

  @Test
  void podAddressesAreUniqueAndNotNodeAddresses() {
    Addresses addresses = new Addresses();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 70_000; i++) {
      String ip = addresses.nextPod();
      assertThat(ip).startsWith("127.").doesNotStartWith("127.0.");
      assertThat(seen.add(ip)).isTrue();
    }
    assertThat(Addresses.node(0)).isEqualTo("127.0.0.2");
    assertThat(Addresses.node(300)).isEqualTo("127.0.1.46");
  }
}

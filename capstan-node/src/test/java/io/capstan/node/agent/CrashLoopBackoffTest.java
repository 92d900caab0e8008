package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashLoopBackoffTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final CrashLoopBackoff backoff = new CrashLoopBackoff(Duration.ofSeconds(10),
      Duration.ofMinutes(5), Duration.ofMinutes(10));

  @Test
  void firstExitRestartsAtOnceThenWaitsDoublingUpToTheCap() {
    List<Duration> waits = new ArrayList<>();
    Instant exit = T0;
    for (int crash = 0; crash < 8; crash++) {
      Instant restart = backoff.restartAt("pod/app", exit);
      waits.add(Duration.between(exit, restart));
      assertThat(backoff.inBackoff("pod/app", exit, restart.minusMillis(1)))
          .isEqualTo(!restart.equals(exit));
      assertThat(backoff.inBackoff("pod/app", exit, restart)).isFalse();
      backoff.next("pod/app", exit);
      exit = restart.plusSeconds(1);
    }
    assertThat(waits).containsExactly(Duration.ZERO, Duration.ofSeconds(10),
        Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(80),
        Duration.ofSeconds(160), Duration.ofMinutes(5), Duration.ofMinutes(5));
  }

  @Test
  void aContainerQuietForLongerThanTheResetStartsFromTheBaseAgain() {
    backoff.next("pod/app", T0);
    backoff.next("pod/app", T0.plusSeconds(20));
    assertThat(backoff.current("pod/app")).isEqualTo(Duration.ofSeconds(20));

    Instant muchLater = T0.plus(Duration.ofMinutes(30));
    assertThat(backoff.inBackoff("pod/app", muchLater, muchLater)).isFalse();
    backoff.next("pod/app", muchLater);
    assertThat(backoff.current("pod/app")).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void keysAreIndependentAndForgottenByPod() {
    backoff.next("uid1/app", T0);
    backoff.next("uid2/app", T0);
    backoff.forget("uid1/");
    assertThat(backoff.inBackoff("uid1/app", T0, T0.plusSeconds(1))).isFalse();
    assertThat(backoff.inBackoff("uid2/app", T0, T0.plusSeconds(1))).isTrue();
  }
}

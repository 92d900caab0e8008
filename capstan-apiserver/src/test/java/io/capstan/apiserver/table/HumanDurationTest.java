package io.capstan.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HumanDurationTest {

  record Case(String name, Duration duration, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("far in the future is invalid", Duration.ofSeconds(-2), "<invalid>"),
        new Case("small skew reads as now", Duration.ofMillis(-1999), "0s"),
        new Case("just under a second", Duration.ofMillis(999), "0s"),
        new Case("zero", Duration.ZERO, "0s"),
        new Case("seconds", Duration.ofSeconds(5), "5s"),
        new Case("seconds up to two minutes", Duration.ofSeconds(119), "119s"),
        new Case("two minutes", Duration.ofSeconds(120), "2m"),
        new Case("minutes and seconds", Duration.ofSeconds(150), "2m30s"),
        new Case("last minute with seconds", Duration.ofSeconds(9 * 60 + 59), "9m59s"),
        new Case("ten minutes drop seconds", Duration.ofSeconds(10 * 60 + 59), "10m"),
        new Case("minutes up to three hours", Duration.ofMinutes(179), "179m"),
        new Case("three hours", Duration.ofMinutes(180), "3h"),
        new Case("hours and minutes", Duration.ofMinutes(185), "3h5m"),
        new Case("under eight hours", Duration.ofMinutes(7 * 60 + 59), "7h59m"),
        new Case("eight hours drop minutes", Duration.ofMinutes(8 * 60 + 30), "8h"),
        new Case("hours up to two days", Duration.ofHours(47), "47h"),
        new Case("two days", Duration.ofHours(48), "2d"),
        new Case("days and hours", Duration.ofHours(51), "2d3h"),
        new Case("under eight days", Duration.ofHours(7 * 24 + 23), "7d23h"),
        new Case("eight days drop hours", Duration.ofHours(8 * 24 + 5), "8d"),
        new Case("days up to two years", Duration.ofDays(729), "729d"),
        new Case("two years", Duration.ofDays(730), "2y"),
        new Case("years and days", Duration.ofDays(730 + 30), "2y30d"),
        new Case("eight years", Duration.ofDays(365 * 8 + 100), "8y"),
        new Case("beyond Go's range saturates", Duration.ofDays(365L * 1000), "292y"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void formatsLikeKubernetes(Case c) {
    assertThat(HumanDuration.format(c.duration())).isEqualTo(c.expected());
  }

  @Test
  void unsetTimestampIsUnknown() {
    assertThat(HumanDuration.since(Optional.empty(), Instant.EPOCH)).isEqualTo("<unknown>");
    assertThat(HumanDuration.since(Optional.of(Instant.EPOCH), Instant.EPOCH.plusSeconds(61)))
        .isEqualTo("61s");
  }
}

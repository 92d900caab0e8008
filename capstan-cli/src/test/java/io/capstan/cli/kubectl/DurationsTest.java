package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DurationsTest {

  record Case(String text, Duration duration) {
    @Override
    public String toString() {
      return text;
    }
  }

  static Stream<Case> durations() {
    return Stream.of(new Case("0", Duration.ZERO), new Case("5", Duration.ofSeconds(5)),
        new Case("5s", Duration.ofSeconds(5)), new Case("1m30s", Duration.ofSeconds(90)),
        new Case("500ms", Duration.ofMillis(500)), new Case("1h", Duration.ofHours(1)),
        new Case("1.5s", Duration.ofMillis(1500)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("durations")
  void readsGoDurations(Case c) {
    assertThat(Durations.parse(c.text())).isEqualTo(c.duration());
  }

  @Test
  void rejectsOtherText() {
    assertThatThrownBy(() -> Durations.parse("5x")).hasMessage("error: invalid duration \"5x\"");
  }
}

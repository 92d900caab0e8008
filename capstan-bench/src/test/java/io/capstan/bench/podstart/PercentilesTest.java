package io.capstan.bench.podstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PercentilesTest {

  record Case(String name, List<Long> millis, double p, long expectedMillis) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    List<Long> hundred = IntStream.rangeClosed(1, 100).mapToObj(i -> (long) i).toList();
    List<Long> shuffled = List.of(70L, 10L, 40L, 30L, 20L, 60L, 50L, 90L, 80L, 100L);
    return Stream.of(
        new Case("p50 of 1..100 is the 50th", hundred, 50, 50),
        new Case("p99 of 1..100 is the 99th", hundred, 99, 99),
        new Case("p100 of 1..100 is the max", hundred, 100, 100),
        new Case("p99 of ten rounds up to the largest", shuffled, 99, 100),
        new Case("p50 of ten unsorted is the fifth smallest", shuffled, 50, 50),
        new Case("tiny p of one sample is that sample", List.of(7L), 0.1, 7));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void nearestRank(Case c) {
    Percentiles p = new Percentiles(c.millis().stream().map(Duration::ofMillis).toList());
    assertThat(p.at(c.p())).isEqualTo(Duration.ofMillis(c.expectedMillis()));
  }

  @Test
  void maxAndCount() {
    Percentiles p = new Percentiles(List.of(Duration.ofMillis(3), Duration.ofMillis(9),
        Duration.ofMillis(1)));
    assertThat(p.max()).isEqualTo(Duration.ofMillis(9));
    assertThat(p.count()).isEqualTo(3);
  }

  @Test
  void rejectsNoSamplesAndOutOfRange() {
    assertThatThrownBy(() -> new Percentiles(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    Percentiles p = new Percentiles(List.of(Duration.ofMillis(1)));
    assertThatThrownBy(() -> p.at(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.at(101)).isInstanceOf(IllegalArgumentException.class);
  }
}

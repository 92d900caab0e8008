package io.capstan.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApiScenarioTest {

  record Case(String name, double operationsPerSecond, int expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("15 s of work at 1,600 ops/s", 1_600, 300),
        new Case("slow server gets the floor", 10, 20),
        new Case("very fast server gets the ceiling", 10_000_000, 5_000));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void sizesTheWorkloadForFifteenSeconds(Case c) {
    assertThat(ApiScenario.objectsFor(c.operationsPerSecond())).isEqualTo(c.expected());
  }
}

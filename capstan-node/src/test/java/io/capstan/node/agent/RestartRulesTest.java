package io.capstan.node.agent;

import static io.capstan.node.agent.RestartRules.Decision.FAIL_POD;
import static io.capstan.node.agent.RestartRules.Decision.KEEP_TERMINATED;
import static io.capstan.node.agent.RestartRules.Decision.RESTART;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RestartRulesTest {

  record Case(String name, String policy, boolean init, int exitCode,
      RestartRules.Decision expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("Always restarts a success", "Always", false, 0, RESTART),
        new Case("Always restarts a failure", "Always", false, 1, RESTART),
        new Case("default policy is Always", null, false, 0, RESTART),
        new Case("OnFailure keeps a success", "OnFailure", false, 0, KEEP_TERMINATED),
        new Case("OnFailure restarts a failure", "OnFailure", false, 137, RESTART),
        new Case("Never keeps a failure", "Never", false, 1, KEEP_TERMINATED),
        new Case("init success moves on", "Always", true, 0, KEEP_TERMINATED),
        new Case("init failure restarts under Always", "Always", true, 1, RESTART),
        new Case("init failure restarts under OnFailure", "OnFailure", true, 2, RESTART),
        new Case("init failure fails the pod under Never", "Never", true, 1, FAIL_POD));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(Case c) {
    assertThat(RestartRules.afterExit(c.policy(), c.init(), c.exitCode()))
        .isEqualTo(c.expected());
  }

  record Format(String name, Duration duration, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Format> durations() {
    return Stream.of(
        new Format("seconds", Duration.ofSeconds(10), "10s"),
        new Format("minutes and seconds", Duration.ofSeconds(80), "1m20s"),
        new Format("whole minutes", Duration.ofMinutes(5), "5m0s"),
        new Format("milliseconds", Duration.ofMillis(250), "250ms"),
        new Format("fractional seconds", Duration.ofMillis(1500), "1.5s"),
        new Format("hours", Duration.ofMinutes(61), "1h1m0s"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("durations")
  void formatsDurationsAsGoDoes(Format f) {
    assertThat(GoDurations.format(f.duration())).isEqualTo(f.expected());
  }
}

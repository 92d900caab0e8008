package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.json.Json;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class LogTargetTest {

  private static JsonNode pod(String name, String node, String phase, String readySince,
      int restarts, String created) {
    String conditions = readySince == null ? "[]" : """
        [{"type":"Ready","status":"True","lastTransitionTime":"%s"}]""".formatted(readySince);
    return Json.MAPPER.readTree("""
        {"metadata":{"name":"%s","creationTimestamp":"%s"},"spec":{"nodeName":"%s"},
         "status":{"phase":"%s","conditions":%s,"containerStatuses":[{"restartCount":%d}]}}"""
        .formatted(name, created, node, phase, conditions, restarts));
  }

  record Case(String name, List<JsonNode> pods, String first) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String t0 = "2026-01-01T00:00:00Z";
    String t1 = "2026-01-01T00:01:00Z";
    return Stream.of(
        new Case("scheduled before unscheduled", List.of(
            pod("a", "", "Pending", null, 0, t0), pod("b", "n", "Pending", null, 0, t1)), "b"),
        new Case("running before pending", List.of(
            pod("a", "n", "Pending", null, 0, t0), pod("b", "n", "Running", null, 0, t1)), "b"),
        new Case("ready before not ready", List.of(
            pod("a", "n", "Running", null, 0, t0), pod("b", "n", "Running", t1, 0, t1)), "b"),
        new Case("ready longer first", List.of(
            pod("a", "n", "Running", t1, 0, t0), pod("b", "n", "Running", t0, 0, t1)), "b"),
        new Case("more restarts first", List.of(
            pod("a", "n", "Running", null, 0, t0), pod("b", "n", "Running", null, 2, t1)), "b"),
        new Case("older first", List.of(
            pod("a", "n", "Running", null, 0, t1), pod("b", "n", "Running", null, 0, t0)), "b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void picksThePodKubectlPicks(Case c) {
    assertThat(LogTarget.byLogging(c.pods()).getFirst().path("metadata").path("name").asString())
        .isEqualTo(c.first());
  }

  @Test
  void sinceTakesGoDurationsRoundedUp() {
    assertThat(LogTarget.seconds("90s", "--since")).isEqualTo(90);
    assertThat(LogTarget.seconds("1h30m", "--since")).isEqualTo(5400);
    assertThat(LogTarget.seconds("1.5s", "--since")).isEqualTo(2);
    assertThatThrownBy(() -> LogTarget.seconds("5x", "--since")).hasMessage(
        "Error: invalid argument \"5x\" for \"--since\" flag: time: unknown unit \"x\" in "
            + "duration \"5x\"\nSee 'capstan kubectl logs --help' for usage.");
    assertThatThrownBy(() -> LogTarget.seconds("soon", "--since")).hasMessageContaining(
        "time: invalid duration \"soon\"");
    assertThat(LogTarget.seconds("0", "--since")).isZero();
  }

  @Test
  void theDefaultContainerIsTheAnnotatedOneOrTheFirst() {
    JsonNode pod = Json.MAPPER.readTree("""
        {"metadata":{"annotations":{"kubectl.kubernetes.io/default-container":"b"}},
         "spec":{"containers":[{"name":"a"},{"name":"b"}],"initContainers":[{"name":"i"}]}}""");
    assertThat(LogTarget.defaultContainer(pod)).isEqualTo("b");
    assertThat(LogTarget.containerLabels(pod)).containsExactly("a", "b", "i (init)");
    JsonNode plain = Json.MAPPER.readTree("{\"spec\":{\"containers\":[{\"name\":\"a\"}]}}");
    assertThat(LogTarget.defaultContainer(plain)).isEqualTo("a");
  }
}

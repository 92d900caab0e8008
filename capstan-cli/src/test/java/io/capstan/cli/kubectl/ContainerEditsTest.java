package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ContainerEditsTest {

  private static ObjectNode deployment() {
    return (ObjectNode) Json.MAPPER.readTree("""
        {"kind":"Deployment","spec":{"template":{"spec":{
          "initContainers":[{"name":"init","image":"init:1"}],
          "containers":[{"name":"app","image":"app:1",
            "env":[{"name":"A","value":"1"},{"name":"S","valueFrom":{"secretKeyRef":{}}}]},
            {"name":"side","image":"side:1"}]}}}}
        """);
  }

  private static ObjectNode podSpec(ObjectNode object) {
    return PodTemplates.podSpec(object).orElseThrow();
  }

  @Test
  void setsImagesByNameOrAll() {
    ObjectNode d = deployment();
    ContainerEdits.setImages(podSpec(d), Map.of("side", "side:2"));
    assertThat(d.toString()).contains("\"side:2\"", "\"app:1\"");
    ContainerEdits.setImages(podSpec(d), Map.of("*", "x:9"));
    assertThat(ContainerEdits.containers(podSpec(d)))
        .allSatisfy(c -> assertThat(c.path("image").asString()).isEqualTo("x:9"));
    assertThatThrownBy(() -> ContainerEdits.setImages(podSpec(d), Map.of("nope", "x")))
        .hasMessage("error: unable to find container named \"nope\"");
  }

  @Test
  void setsAndRemovesEnvironmentInTheChosenContainers() {
    ObjectNode d = deployment();
    KeyValueChanges changes = KeyValueChanges.parse(List.of("S=plain", "B=2", "A-"), "env");
    assertThat(ContainerEdits.setEnv(podSpec(d), "app", changes)).isEqualTo(1);
    assertThat(podSpec(d).path("containers").get(0).path("env")).isEqualTo(Json.MAPPER.readTree(
        "[{\"name\":\"S\",\"value\":\"plain\"},{\"name\":\"B\",\"value\":\"2\"}]"));
    assertThat(podSpec(d).path("containers").get(1).has("env")).isFalse();
    assertThat(ContainerEdits.setEnv(podSpec(d), "nope", changes)).isZero();
    assertThat(ContainerEdits.setEnv(podSpec(d), "*", changes)).isEqualTo(3);
  }
}

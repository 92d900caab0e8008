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

/** kubectl's custom-columns printer: relaxed paths, {@code <none>}, Go's printing of values. */
class CustomColumnsTest {

  private static final JsonNode POD = Json.MAPPER.readTree("""
      {"metadata": {"name": "web-1", "labels": {"app": "web", "tier": "front"}},
       "spec": {"containers": [{"name": "a", "image": "nginx"}, {"name": "b", "image": "busybox"}],
                "priority": 5, "ratio": 0.25, "nothing": null}}
      """);

  record Case(String spec, List<String> cells) {
    @Override
    public String toString() {
      return spec;
    }
  }

  static Stream<Case> columns() {
    return Stream.of(
        new Case("NAME:.metadata.name", List.of("web-1")),
        new Case("NAME:metadata.name", List.of("web-1")),
        new Case("NAME:{.metadata.name}", List.of("web-1")),
        new Case("NAME:{metadata.name}", List.of("web-1")),
        new Case("IMAGES:.spec.containers[*].image", List.of("nginx,busybox")),
        new Case("FIRST:.spec.containers[0].name", List.of("a")),
        new Case("LABELS:.metadata.labels", List.of("map[app:web tier:front]")),
        new Case("C:.spec.containers[1]", List.of("map[image:busybox name:b]")),
        new Case("N:.spec.priority,R:.spec.ratio", List.of("5", "0.25")),
        new Case("NIL:.spec.nothing", List.of("<nil>")),
        new Case("MISSING:.spec.absent", List.of("<none>")),
        new Case("APP:.metadata.labels.app,X:.x.y", List.of("web", "<none>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("columns")
  void cellsAreWhatKubectlPrints(Case c) {
    assertThat(CustomColumns.parse(c.spec()).row(POD)).isEqualTo(c.cells());
  }

  @Test
  void rendersAlignedWithOrWithoutHeaders() {
    CustomColumns columns = CustomColumns.parse("NAME:.metadata.name,APP:.metadata.labels.app");
    assertThat(columns.render(List.of(POD), false)).isEqualTo("NAME    APP\nweb-1   web\n");
    assertThat(columns.render(List.of(POD), true)).isEqualTo("web-1   web\n");
  }

  @Test
  void readsAColumnsFile() {
    CustomColumns columns = CustomColumns.parseFile("NAME   IMAGE\n.metadata.name  "
        + ".spec.containers[0].image\n");
    assertThat(columns.headers()).containsExactly("NAME", "IMAGE");
    assertThat(columns.row(POD)).containsExactly("web-1", "nginx");
  }

  @Test
  void rejectsASpecWithoutPath() {
    assertThatThrownBy(() -> CustomColumns.parse("abc")).hasMessage(
        "error: unexpected custom-columns spec: abc, expected <header>:<json-path-expr>");
    assertThatThrownBy(() -> CustomColumns.parse("A:{{x}")).hasMessageStartingWith(
        "error: unexpected path string");
  }
}

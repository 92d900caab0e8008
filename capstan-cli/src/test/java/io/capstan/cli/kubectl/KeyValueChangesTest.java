package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyValueChangesTest {

  private static final Map<String, String> CURRENT = Map.of("a", "1", "b", "2");

  record Case(String name, List<String> args, boolean overwrite, Map<String, String> result,
      List<String> conflicts) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("add a key", List.of("c=3"), false, Map.of("a", "1", "b", "2", "c", "3"),
            List.of()),
        new Case("same value is no conflict", List.of("a=1"), false, CURRENT, List.of()),
        new Case("new value needs --overwrite", List.of("a=9"), false,
            Map.of("a", "9", "b", "2"), List.of("'a' already has a value (1)")),
        new Case("overwrite allowed", List.of("a=9"), true, Map.of("a", "9", "b", "2"),
            List.of()),
        new Case("remove a key", List.of("b-"), false, Map.of("a", "1"), List.of()),
        new Case("value with '=' and empty value", List.of("c=x=y", "d="), false,
            Map.of("a", "1", "b", "2", "c", "x=y", "d", ""), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void appliesChanges(Case c) {
    KeyValueChanges changes = KeyValueChanges.parse(c.args(), "label");
    assertThat(changes.conflicts(CURRENT, c.overwrite())).isEqualTo(c.conflicts());
    assertThat(changes.applyTo(CURRENT)).isEqualTo(c.result());
  }

  @Test
  void reportsMissingKeysAndBadArguments() {
    assertThat(KeyValueChanges.parse(List.of("a-", "z-"), "label").missing(CURRENT))
        .containsExactly("z");
    assertThatThrownBy(() -> KeyValueChanges.parse(List.of("=x"), "label"))
        .hasMessage("error: invalid label format: =x");
    assertThatThrownBy(() -> KeyValueChanges.parse(List.of("a=1", "a-"), "label"))
        .hasMessage("error: can not both modify and remove the following label(s) in the same "
            + "command: a");
  }
}

package io.capstan.node.podconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cases of upstream's {@code third_party/forked/golang/expansion/expand_test.go}. */
class VariableExpansionTest {

  record Case(String name, String input, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("whole string", "$(VAR_A)", "A"),
        new Case("repeat", "$(VAR_A)-$(VAR_A)", "A-A"),
        new Case("beginning", "$(VAR_A)-1", "A-1"),
        new Case("middle", "___$(VAR_B)___", "___B___"),
        new Case("end", "___$(VAR_C)", "___C"),
        new Case("compound", "$(VAR_A)_$(VAR_B)_$(VAR_C)", "A_B_C"),
        new Case("escape & expand", "$$(VAR_B)_$(VAR_A)", "$(VAR_B)_A"),
        new Case("compound escape", "$$(VAR_A)_$$(VAR_B)", "$(VAR_A)_$(VAR_B)"),
        new Case("mixed in escapes", "f000-$$VAR_A", "f000-$VAR_A"),
        new Case("backslash escape ignored", "foo\\$(VAR_C)bar", "foo\\Cbar"),
        new Case("backslash escape ignored x2", "foo\\\\$(VAR_C)bar", "foo\\\\Cbar"),
        new Case("lots of backslashes", "foo\\\\\\\\$(VAR_A)bar", "foo\\\\\\\\Abar"),
        new Case("nested var references", "$(VAR_A$(VAR_B))", "$(VAR_A$(VAR_B))"),
        new Case("nested var references second type", "$(VAR_A$(VAR_B)", "$(VAR_A$(VAR_B)"),
        new Case("value is a reference", "$(VAR_REF)", "$(VAR_A)"),
        new Case("value is a reference x 2", "%%$(VAR_REF)--$(VAR_REF)%%",
            "%%$(VAR_A)--$(VAR_A)%%"),
        new Case("empty var", "foo$(VAR_EMPTY)bar", "foobar"),
        new Case("unterminated expression", "foo$(VAR_Awhoops!", "foo$(VAR_Awhoops!"),
        new Case("expression without operator", "f00__(VAR_A)__", "f00__(VAR_A)__"),
        new Case("shell special vars pass through", "$?_boo_$!", "$?_boo_$!"),
        new Case("bare operators are ignored", "$VAR_A", "$VAR_A"),
        new Case("undefined vars are passed through", "$(VAR_DNE)", "$(VAR_DNE)"),
        new Case("multiple (even) operators, var undefined", "$$$$$$(BIG_MONEY)",
            "$$$(BIG_MONEY)"),
        new Case("multiple (even) operators, var defined", "$$$$$$(VAR_A)", "$$$(VAR_A)"),
        new Case("multiple (odd) operators, var undefined", "$$$$$$$(GOOD_ODDS)",
            "$$$$(GOOD_ODDS)"),
        new Case("multiple (odd) operators, var defined", "$$$$$$$(VAR_A)", "$$$A"),
        new Case("missing open expression", "$VAR_A)", "$VAR_A)"),
        new Case("shell syntax ignored", "${VAR_A}", "${VAR_A}"),
        new Case("trailing incomplete expression not consumed", "$(VAR_B)_______$(A",
            "B_______$(A"),
        new Case("trailing incomplete expression, no content, is not consumed",
            "$(VAR_C)_______$(", "C_______$("),
        new Case("operator at end of input string is preserved", "$(VAR_A)foobarzab$",
            "Afoobarzab$"),
        new Case("shell escaped incomplete expr", "foo-\\$(VAR_A", "foo-\\$(VAR_A"),
        new Case("lots of $( in middle", "--$($($($($--", "--$($($($($--"),
        new Case("lots of $( in beginning", "$($($($($--foo$(", "$($($($($--foo$("),
        new Case("lots of $( at end", "foo0--$($($($(", "foo0--$($($($("),
        new Case("escaped operators in variable names are not escaped", "$(foo$$var)",
            "$(foo$$var)"),
        new Case("newline not expanded", "\n", "\n"));
  }

  static Stream<Arguments> casesWithMappings() {
    UnaryOperator<String> single = VariableExpansion.mappingFor(List.of(Map.of(
        "VAR_A", "A", "VAR_B", "B", "VAR_C", "C", "VAR_REF", "$(VAR_A)", "VAR_EMPTY", "")));
    UnaryOperator<String> dual = VariableExpansion.mappingFor(List.of(
        Map.of("VAR_A", "A", "VAR_EMPTY", ""),
        Map.of("VAR_B", "B", "VAR_C", "C", "VAR_REF", "$(VAR_A)")));
    return cases().stream().flatMap(c -> Stream.of(
        Arguments.of(c.name() + " (one map)", c, single),
        Arguments.of(c.name() + " (two maps)", c, dual)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("casesWithMappings")
  void expandsAsUpstream(String name, Case c, UnaryOperator<String> mapping) {
    assertThat(VariableExpansion.expand(c.input(), mapping)).isEqualTo(c.expected());
  }

  @Test
  void laterVariablesSeeEarlierExpandedValues() {
    Map<String, String> declared = new HashMap<>(
        Map.of("FOO", "bar", "ZOO", "$(FOO)-1", "BLU", "$(ZOO)-2"));
    UnaryOperator<String> mapping = VariableExpansion.mappingFor(List.of(declared, Map.of()));
    for (String name : List.of("FOO", "ZOO", "BLU")) {
      declared.put(name, VariableExpansion.expand(declared.get(name), mapping));
    }
    assertThat(declared).containsExactlyInAnyOrderEntriesOf(
        Map.of("FOO", "bar", "ZOO", "bar-1", "BLU", "bar-1-2"));
  }

  @Test
  void firstMapWins() {
    UnaryOperator<String> mapping = VariableExpansion.mappingFor(
        List.of(Map.of("X", "container"), Map.of("X", "service", "Y", "service")));
    assertThat(VariableExpansion.expand("$(X) $(Y)", mapping)).isEqualTo("container service");
  }
}

package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.json.Json;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WaitConditionTest {

  record Case(String name, String forFlag, String status, boolean met) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String available = "{\"observedGeneration\":2,\"conditions\":[{\"type\":\"Available\","
        + "\"status\":\"True\"}]}";
    return Stream.of(
        new Case("true by default", "condition=Available", available, true),
        new Case("type ignores case", "condition=available", available, true),
        new Case("explicit false", "condition=Available=false", available, false),
        new Case("other condition", "condition=Progressing", available, false),
        new Case("older generation", "condition=Available",
            available.replace("\"observedGeneration\":2", "\"observedGeneration\":1"), false),
        new Case("condition's own generation", "condition=Available",
            "{\"conditions\":[{\"type\":\"Available\",\"status\":\"False\","
                + "\"observedGeneration\":2}]}", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void conditionIsMetAsKubectlDecides(Case c) {
    var object = Json.MAPPER.readTree("{\"metadata\":{\"generation\":2},\"status\":"
        + c.status() + "}");
    assertThat(WaitCondition.parse(c.forFlag()).metBy(object)).isEqualTo(c.met());
  }

  @Test
  void deleteAndUnknownConditions() {
    assertThat(WaitCondition.parse("delete").delete()).isTrue();
    assertThatThrownBy(() -> WaitCondition.parse("foo"))
        .hasMessage("error: unrecognized condition: \"foo\"");
    assertThatThrownBy(() -> WaitCondition.parse(null))
        .hasMessage("error: unrecognized condition: \"\"");
  }

  @Test
  void durationsParseAsGoDoes() {
    assertThat(GoDuration.parse("0", "--timeout")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse("1m30s", "--timeout")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoDuration.parse("500ms", "--timeout")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse("1.5h", "--timeout")).isEqualTo(Duration.ofMinutes(90));
    assertThatThrownBy(() -> GoDuration.parse("10", "--timeout")).hasMessage(
        "error: invalid argument \"10\" for \"--timeout\" flag: time: invalid duration \"10\"");
  }
}

package io.capstan.apiserver.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class LabelSelectorTest {

  private static final Map<String, String> WEB = Map.of("app", "web", "env", "prod", "gen", "7");

  record Match(String selector, Map<String, String> labels, boolean matches) {
    @Override
    public String toString() {
      return "'" + selector + "' on " + labels + " -> " + matches;
    }
  }

  static Stream<Match> matching() {
    return Stream.of(
        new Match("", Map.of(), true),
        new Match("", WEB, true),
        new Match("app=web", WEB, true),
        new Match("app==web", WEB, true),
        new Match("app=api", WEB, false),
        new Match("app!=api", WEB, true),
        new Match("missing!=x", WEB, true),
        new Match("app!=web", WEB, false),
        new Match("env in (prod,staging)", WEB, true),
        new Match("env in (dev)", WEB, false),
        new Match("missing in (x)", WEB, false),
        new Match("env notin (dev)", WEB, true),
        new Match("missing notin (dev)", WEB, true),
        new Match("env notin (prod)", WEB, false),
        new Match("app", WEB, true),
        new Match("missing", WEB, false),
        new Match("!missing", WEB, true),
        new Match("!app", WEB, false),
        new Match("gen>5", WEB, true),
        new Match("gen>7", WEB, false),
        new Match("gen<8", WEB, true),
        new Match("app>1", WEB, false),
        new Match("missing<9", WEB, false),
        new Match("app=web,env=dev", WEB, false),
        new Match("app=web,env=prod,!canary", WEB, true),
        new Match("flag=", Map.of("flag", ""), true),
        new Match("flag=", Map.of(), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matching")
  void matchesLikeKubernetes(Match c) {
    assertThat(LabelSelector.parse(c.selector()).matches(c.labels())).isEqualTo(c.matches());
  }

  /** A {@code metav1.LabelSelector} and the canonical selector it means. */
  record FromJson(String name, String json, String canonical) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<FromJson> fromJson() {
    return Stream.of(
        new FromJson("match labels", "{\"matchLabels\":{\"tier\":\"web\",\"app\":\"shop\"}}",
            "app=shop,tier=web"),
        new FromJson("every expression operator", """
            {"matchLabels":{"app":"shop"},"matchExpressions":[
              {"key":"env","operator":"In","values":["prod","dev"]},
              {"key":"zone","operator":"NotIn","values":["z9"]},
              {"key":"canary","operator":"DoesNotExist"},
              {"key":"tier","operator":"Exists"}]}
            """, "app=shop,!canary,env in (dev,prod),tier,zone notin (z9)"),
        new FromJson("empty selects everything", "{}", ""),
        new FromJson("empty lists select everything",
            "{\"matchLabels\":{},\"matchExpressions\":[]}", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fromJson")
  void readsMetav1LabelSelectors(FromJson c) {
    LabelSelector selector = LabelSelector.fromJson(Json.MAPPER.readTree(c.json()));
    assertThat(selector.toString()).isEqualTo(c.canonical());
    assertThat(LabelSelector.parse(c.canonical()).toString()).isEqualTo(c.canonical());
  }

  @Test
  void jsonSelectorMatchesLikeItsStringForm() {
    JsonNode json = Json.MAPPER.readTree("""
        {"matchLabels":{"app":"web"},
         "matchExpressions":[{"key":"env","operator":"NotIn","values":["dev"]}]}""");
    LabelSelector selector = LabelSelector.fromJson(json);
    assertThat(selector.matches(WEB)).isTrue();
    assertThat(selector.matches(Map.of("app", "web", "env", "dev"))).isFalse();
    assertThat(selector.matches(Map.of("app", "web"))).isTrue();
  }

  @Test
  void nullSelectorMatchesNothing() {
    LabelSelector nothing = LabelSelector.fromJson(null);
    assertThat(LabelSelector.fromJson(Json.MAPPER.nullNode())).isSameAs(nothing);
    assertThat(LabelSelector.fromJson(Json.object().path("selector"))).isSameAs(nothing);
    assertThat(nothing.matches(Map.of())).isFalse();
    assertThat(nothing.isEmpty()).isFalse();
    assertThat(nothing.matchesNothing()).isTrue();
    assertThat(nothing.toString()).isEmpty();
    assertThat(LabelSelector.everything().isEmpty()).isTrue();
    assertThat(LabelSelector.parse("a").isEmpty()).isFalse();
  }

  record JsonError(String name, String json, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<JsonError> jsonErrors() {
    return Stream.of(
        new JsonError("unknown operator",
            "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Near\"}]}",
            "\"Near\" is not a valid label selector operator"),
        new JsonError("set operator without values",
            "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"In\",\"values\":[]}]}",
            "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't"
                + " be empty"),
        new JsonError("exists with values",
            "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Exists\",\"values\":[\"x\"]}]}",
            "values: Invalid value: []string{\"x\"}: values set must be empty for exists and does"
                + " not exist"),
        new JsonError("several problems at once",
            "{\"matchExpressions\":[{\"key\":\"-a\",\"operator\":\"Exists\",\"values\":[\"x\"]}]}",
            "[key: Invalid value: \"-a\": name part must consist of alphanumeric characters, '-',"
                + " '_' or '.', and must start and end with an alphanumeric character (e.g."
                + " 'MyName',  or 'my.name',  or '123-abc', regex used for validation is"
                + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), values: Invalid value:"
                + " []string{\"x\"}: values set must be empty for exists and does not exist]"),
        new JsonError("invalid match label value",
            "{\"matchLabels\":{\"app\":\"not valid\"}}",
            "values[0][app]: Invalid value: \"not valid\": a valid label must be an empty string"
                + " or consist of alphanumeric characters, '-', '_' or '.', and must start and end"
                + " with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345',"
                + " regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonErrors")
  void rejectsInvalidJsonSelectors(JsonError c) {
    assertThatThrownBy(() -> LabelSelector.fromJson(Json.MAPPER.readTree(c.json())))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo(c.message());
        });
  }

  @Test
  void exactMatchOnlyForASingleRequiredValue() {
    assertThat(LabelSelector.parse("app=web,env in (prod)").requiresExactMatch("app"))
        .contains("web");
    assertThat(LabelSelector.parse("app=web,env in (prod)").requiresExactMatch("env"))
        .contains("prod");
    assertThat(LabelSelector.parse("env in (a,b)").requiresExactMatch("env")).isEmpty();
    assertThat(LabelSelector.parse("app!=web").requiresExactMatch("app")).isEmpty();
    assertThat(LabelSelector.parse("app").requiresExactMatch("app")).isEmpty();
    assertThat(LabelSelector.parse("app=web").requiresExactMatch("env")).isEmpty();
  }

  @Test
  void selectorFromLabelsMatchesExactly() {
    LabelSelector selector = LabelSelector.fromLabels(Map.of("b", "2", "a", "1"));
    assertThat(selector.toString()).isEqualTo("a=1,b=2");
    assertThat(selector.matches(Map.of("a", "1", "b", "2", "c", "3"))).isTrue();
    assertThat(selector.matches(Map.of("a", "1"))).isFalse();
    assertThat(LabelSelector.fromLabels(Map.of())).isSameAs(LabelSelector.everything());
  }
}

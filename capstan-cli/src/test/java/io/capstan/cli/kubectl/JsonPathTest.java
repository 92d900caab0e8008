package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.json.Json;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** kubectl's JSONPath: the examples of its documentation and what kubectl 1.32 prints. */
class JsonPathTest {

  /** The input of https://kubernetes.io/docs/reference/kubectl/jsonpath/. */
  private static final JsonNode DOC = Json.MAPPER.readTree("""
      {"kind": "List",
       "items": [
         {"kind": "None",
          "metadata": {"name": "127.0.0.1", "labels": {"kubernetes.io/hostname": "127.0.0.1"}},
          "status": {"capacity": {"cpu": "4"},
                     "addresses": [{"type": "LegacyHostIP", "address": "127.0.0.1"}]}},
         {"kind": "None",
          "metadata": {"name": "127.0.0.2"},
          "status": {"capacity": {"cpu": "8"},
                     "addresses": [{"type": "LegacyHostIP", "address": "127.0.0.2"},
                                   {"type": "another", "address": "127.0.0.3"}]}}],
       "users": [{"name": "myself", "user": {}},
                 {"name": "e2e", "user": {"username": "admin", "password": "secret"}}],
       "spec": {"replicas": 3, "ratio": 0.5, "paused": false, "none": null,
                "html": "<a&b>"}}
      """);

  record Case(String template, String output) {
    @Override
    public String toString() {
      return template;
    }
  }

  static Stream<Case> templates() {
    return Stream.of(
        new Case("{.kind}", "List"),
        new Case("{['kind']}", "List"),
        new Case("{$.kind}", "List"),
        new Case("{@.kind}", "List"),
        new Case("kind is {.kind}.", "kind is List."),
        new Case("plain text", "plain text"),
        new Case("{..name}", "127.0.0.1 127.0.0.2 myself e2e"),
        new Case("{.items[*].metadata.name}", "127.0.0.1 127.0.0.2"),
        new Case("{.users[0].name}", "myself"),
        new Case("{.items[-1:].metadata.name}", "127.0.0.2"),
        new Case("{.items[0:1].metadata.name}", "127.0.0.1"),
        new Case("{.items[-1].metadata.name}", "127.0.0.2"),
        new Case("{.items[::2].metadata.name}", "127.0.0.1"),
        new Case("{.items[*]['metadata.name', 'status.capacity']}",
            "127.0.0.1 127.0.0.2 {\"cpu\":\"4\"} {\"cpu\":\"8\"}"),
        new Case("{.items[0].metadata['name','labels']}",
            "127.0.0.1 {\"kubernetes.io/hostname\":\"127.0.0.1\"}"),
        new Case("{.users[?(@.name==\"e2e\")].user.password}", "secret"),
        new Case("{.users[?(@.name!=\"e2e\")].name}", "myself"),
        new Case("{.users[?(@.user.username)].name}", "e2e"),
        new Case("{.items[*].status.addresses[?(@.type==\"LegacyHostIP\")].address}",
            "127.0.0.1 127.0.0.2"),
        new Case("{.items[?(@.status.capacity.cpu>\"5\")].metadata.name}", "127.0.0.2"),
        new Case("{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}",
            "[127.0.0.1, {\"cpu\":\"4\"}] [127.0.0.2, {\"cpu\":\"8\"}] "),
        new Case("{range .items[*]}{.metadata.name}{\"\\t\"}{end}", "127.0.0.1\t127.0.0.2\t"),
        new Case("{range .items[*]}{range .status.addresses[*]}{.address};{end}|{end}",
            "127.0.0.1;|127.0.0.2;127.0.0.3;|"),
        new Case("{range .missing[*]}x{end}after", "after"),
        new Case("{.items[0].metadata.labels.kubernetes\\.io/hostname}", "127.0.0.1"),
        new Case("{.items[0].metadata.labels.*}", "127.0.0.1"),
        new Case("{.users[1].user}", "{\"password\":\"secret\",\"username\":\"admin\"}"),
        new Case("{.users[0].user}", "{}"),
        new Case("{.spec.replicas} {.spec.ratio} {.spec.paused} {.spec.none}",
            "3 0.5 false null"),
        new Case("{.spec.html}", "<a&b>"),
        new Case("{.spec}",
            "{\"html\":\"\\u003ca\\u0026b\\u003e\",\"none\":null,\"paused\":false,\"ratio\":0.5,"
                + "\"replicas\":3}"),
        new Case("{.missing}", ""),
        new Case("{.spec.missing.deeper}", ""),
        new Case("{'single'}{\"\\n\"}", "single\n"),
        new Case("{.items[?(@.kind==\"None\")].status.capacity.cpu}", "4 8"),
        new Case("{.users[?(@.missing)].name}", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void printsWhatKubectlPrints(Case c) {
    assertThat(JsonPath.parse(c.template(), true).execute(DOC)).isEqualTo(c.output());
  }

  static Stream<Case> failures() {
    return Stream.of(
        new Case("{.missing}", "missing is not found"),
        new Case("{.items[5]}", "array index out of bounds: index 5, length 2"),
        new Case("{.items[0:7]}", "array index out of bounds: index 6, length 2"),
        new Case("{.kind[0]}", "string is not array or slice"),
        new Case("{.spec.replicas[0]}", "int64 is not array or slice"),
        new Case("{.items[*].metadata.name}{end}", "not in range, nothing to end"),
        new Case("{.users[?(@.name>3)]}", "incompatible types for comparison"),
        new Case("{bogus}", "unrecognized identifier bogus"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void failsAsKubectlFailsWithoutMissingKeys(Case c) {
    assertThatThrownBy(() -> JsonPath.parse(c.template(), false).execute(DOC))
        .isInstanceOf(JsonPathException.class).hasMessage(c.output());
  }

  static Stream<Case> parseErrors() {
    return Stream.of(
        new Case("{.items[", "unterminated array"),
        new Case("{.kind", "unclosed action"),
        new Case("{.items[?(@.a==\"x\"", "unterminated filter"),
        new Case("{\"open}", "unterminated quoted string"),
        new Case("{.items[x]}", "invalid array index x"),
        new Case("{....a}", "invalid multiple recursive descent"),
        new Case("{#}", "unrecognized character in action: U+0023 '#'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseErrors")
  void rejectsWhatKubectlRejects(Case c) {
    assertThatThrownBy(() -> JsonPath.parse(c.template(), true))
        .isInstanceOf(JsonPathException.class).hasMessage(c.output());
  }
}

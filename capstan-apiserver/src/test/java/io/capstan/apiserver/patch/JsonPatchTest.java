package io.capstan.apiserver.patch;

import static io.capstan.apiserver.patch.Trees.bytes;
import static io.capstan.apiserver.patch.Trees.canonical;
import static io.capstan.apiserver.patch.Trees.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.errors.ApiException;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class JsonPatchTest {

  private static final String DOC = """
      {"metadata": {"name": "web", "labels": {"app": "web", "a/b": "x", "t~n": "y"}},
       "spec": {"replicas": 1, "list": [1, 2, 3]}}""";

  record Case(String name, String patch, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> applies() {
    return Stream.of(
        new Case("add a member", """
            [{"op": "add", "path": "/metadata/labels/tier", "value": "fe"}]""",
            "{'metadata': {'labels': {'tier': 'fe'}}}"),
        new Case("add replaces an existing member", """
            [{"op": "add", "path": "/spec/replicas", "value": 3}]""",
            "{'spec': {'replicas': 3}}"),
        new Case("add inserts into an array", """
            [{"op": "add", "path": "/spec/list/1", "value": 9}]""",
            "{'spec': {'list': [1, 9, 2, 3]}}"),
        new Case("add with - appends", """
            [{"op": "add", "path": "/spec/list/-", "value": 9}]""",
            "{'spec': {'list': [1, 2, 3, 9]}}"),
        new Case("add at the array size appends", """
            [{"op": "add", "path": "/spec/list/3", "value": 9}]""",
            "{'spec': {'list': [1, 2, 3, 9]}}"),
        new Case("add at -1 appends, negative indices count from the end", """
            [{"op": "add", "path": "/spec/list/-1", "value": 9}]""",
            "{'spec': {'list': [1, 2, 3, 9]}}"),
        new Case("add an object then a member in it", """
            [{"op": "add", "path": "/metadata/annotations", "value": {}},
             {"op": "add", "path": "/metadata/annotations/x", "value": "1"}]""",
            "{'metadata': {'annotations': {'x': '1'}}}"),
        new Case("remove a member", """
            [{"op": "remove", "path": "/metadata/labels/app"}]""",
            "{'metadata': {'labels': {'app': null}}}"),
        new Case("remove an array element", """
            [{"op": "remove", "path": "/spec/list/0"}]""",
            "{'spec': {'list': [2, 3]}}"),
        new Case("remove the last element by a negative index", """
            [{"op": "remove", "path": "/spec/list/-1"}]""",
            "{'spec': {'list': [1, 2]}}"),
        new Case("replace a member", """
            [{"op": "replace", "path": "/metadata/name", "value": "api"}]""",
            "{'metadata': {'name': 'api'}}"),
        new Case("replace an array element", """
            [{"op": "replace", "path": "/spec/list/2", "value": 7}]""",
            "{'spec': {'list': [1, 2, 7]}}"),
        new Case("move a member", """
            [{"op": "move", "from": "/metadata/labels/app", "path": "/metadata/labels/application"}]""",
            "{'metadata': {'labels': {'app': null, 'application': 'web'}}}"),
        new Case("move an array element", """
            [{"op": "move", "from": "/spec/list/0", "path": "/spec/list/-"}]""",
            "{'spec': {'list': [2, 3, 1]}}"),
        new Case("copy a subtree", """
            [{"op": "copy", "from": "/spec/list", "path": "/spec/copy"}]""",
            "{'spec': {'copy': [1, 2, 3]}}"),
        new Case("test then replace, as kubectl guards a write", """
            [{"op": "test", "path": "/metadata/name", "value": "web"},
             {"op": "replace", "path": "/spec/replicas", "value": 5}]""",
            "{'spec': {'replicas': 5}}"),
        new Case("test compares numbers by value", """
            [{"op": "test", "path": "/spec/replicas", "value": 1.0}]""",
            "{}"),
        new Case("test compares objects whatever their member order", """
            [{"op": "test", "path": "/metadata/labels",
              "value": {"t~n": "y", "a/b": "x", "app": "web"}}]""",
            "{}"),
        new Case("test of an absent member against null passes", """
            [{"op": "test", "path": "/metadata/namespace", "value": null}]""",
            "{}"),
        new Case("test of the whole document", """
            [{"op": "test", "path": "", "value": %s}]""".formatted(DOC),
            "{}"),
        new Case("~1 and ~0 escape / and ~", """
            [{"op": "remove", "path": "/metadata/labels/a~1b"},
             {"op": "replace", "path": "/metadata/labels/t~0n", "value": "z"}]""",
            "{'metadata': {'labels': {'a/b': null, 't~n': 'z'}}}"),
        new Case("an empty patch changes nothing", "[]", "{}"),
        new Case("a null patch changes nothing", "null", "{}"));
  }

  /**
   * {@code expected} is a merge patch over {@link #DOC} (quotes written as '), so that each case
   * states only what changes.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("applies")
  void appliesOperations(Case c) {
    JsonNode result = JsonPatch.apply(json(DOC), bytes(c.patch()));
    JsonNode expected = MergePatch.apply(json(DOC), bytes(c.expected().replace('\'', '"')));
    assertThat(canonical(result)).isEqualTo(canonical(expected));
  }

  static Stream<Case> unprocessable() {
    return Stream.of(
        new Case("a failing test", """
            [{"op": "test", "path": "/metadata/name", "value": "api"},
             {"op": "replace", "path": "/spec/replicas", "value": 5}]""", null),
        new Case("a test of another type", """
            [{"op": "test", "path": "/spec/replicas", "value": "1"}]""", null),
        new Case("a test of an absent member against a value", """
            [{"op": "test", "path": "/metadata/namespace", "value": "default"}]""", null),
        new Case("remove of an absent member", """
            [{"op": "remove", "path": "/metadata/annotations"}]""", null),
        new Case("replace of an absent member", """
            [{"op": "replace", "path": "/metadata/namespace", "value": "x"}]""", null),
        new Case("add under an absent parent", """
            [{"op": "add", "path": "/metadata/annotations/x", "value": "1"}]""", null),
        new Case("add past the end of an array", """
            [{"op": "add", "path": "/spec/list/5", "value": 9}]""", null),
        new Case("add before the start of an array", """
            [{"op": "add", "path": "/spec/list/-5", "value": 9}]""", null),
        new Case("remove past the end of an array", """
            [{"op": "remove", "path": "/spec/list/3"}]""", null),
        new Case("replace with - as index", """
            [{"op": "replace", "path": "/spec/list/-", "value": 9}]""", null),
        new Case("an index that is not a number", """
            [{"op": "replace", "path": "/spec/list/x", "value": 9}]""", null),
        new Case("a path through a scalar", """
            [{"op": "add", "path": "/spec/replicas/x", "value": 9}]""", null),
        new Case("a path without a leading slash", """
            [{"op": "add", "path": "spec", "value": 9}]""", null),
        new Case("an unknown operation", """
            [{"op": "frob", "path": "/spec"}]""", null),
        new Case("an operation without op", """
            [{"path": "/spec"}]""", null),
        new Case("an operation without path", """
            [{"op": "add", "value": 1}]""", null),
        new Case("a path that is not a string", """
            [{"op": "add", "path": 5, "value": 1}]""", null),
        new Case("move from an absent member", """
            [{"op": "move", "from": "/metadata/nope", "path": "/metadata/yes"}]""", null),
        new Case("copy from an absent member", """
            [{"op": "copy", "from": "/metadata/nope", "path": "/metadata/yes"}]""", null),
        new Case("a null operation", "[null]", null),
        new Case("replacing the document with a scalar", """
            [{"op": "replace", "path": "", "value": 1}]""", null),
        new Case("a later failure undoes nothing visible: the whole patch fails", """
            [{"op": "replace", "path": "/spec/replicas", "value": 5},
             {"op": "remove", "path": "/nope"}]""", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unprocessable")
  void operationsThatCannotApplyAre422(Case c) {
    JsonNode doc = json(DOC);
    assertThatThrownBy(() -> JsonPatch.apply(doc, bytes(c.patch())))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.reason()).isEqualTo("Invalid");
          assertThat(e.getMessage())
              .isEqualTo("the server rejected our request due to an error in our request");
        });
    assertThat(doc).isEqualTo(json(DOC));
  }

  static Stream<Case> malformed() {
    return Stream.of(
        new Case("an object instead of a list",
            "{\"op\": \"add\", \"path\": \"/x\", \"value\": 1}",
            "json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
        new Case("a string instead of a list", "\"add\"",
            "json: cannot unmarshal string into Go value of type jsonpatch.Patch"),
        new Case("a list of strings", "[\"add\"]",
            "json: cannot unmarshal string into Go value of type jsonpatch.Operation"),
        new Case("not JSON", "[{\"op\": ", null),
        new Case("an empty body", "", "unexpected end of JSON input"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedPatchesAre400(Case c) {
    assertThatThrownBy(() -> JsonPatch.apply(json(DOC), bytes(c.patch())))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.reason()).isEqualTo("BadRequest");
          if (c.expected() != null) {
            assertThat(e.getMessage()).isEqualTo(c.expected());
          }
        });
  }

  @Test
  void moreThanTenThousandOperationsAre413() {
    String op = "{\"op\": \"test\", \"path\": \"/spec/replicas\", \"value\": 1}";
    String patch = "[" + String.join(",", java.util.Collections.nCopies(10_001, op)) + "]";
    assertThatThrownBy(() -> JsonPatch.apply(json(DOC), bytes(patch)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(413));
    String allowed = "[" + String.join(",", java.util.Collections.nCopies(10_000, op)) + "]";
    assertThat(JsonPatch.apply(json(DOC), bytes(allowed))).isEqualTo(json(DOC));
  }

  @Test
  void addWithoutAValueAddsNull() {
    JsonNode result = JsonPatch.apply(json(DOC), bytes("""
        [{"op": "add", "path": "/spec/paused"}]"""));
    assertThat(result.get("spec").get("paused").isNull()).isTrue();
  }

  /** kubectl rollout undo: two replace operations (reference §4.5). */
  @Test
  void appliesTheRolloutUndoPatch() {
    JsonNode deployment = json("""
        {"metadata": {"name": "web", "annotations": {"deployment.kubernetes.io/revision": "2",
          "team": "a"}},
         "spec": {"template": {"metadata": {"labels": {"app": "web"}},
           "spec": {"containers": [{"name": "web", "image": "nginx:1.2"}]}}}}""");
    String patch = """
        [{"op": "replace", "path": "/spec/template", "value": {"metadata": {"labels":
           {"app": "web"}}, "spec": {"containers": [{"name": "web", "image": "nginx:1.1"}]}}},
         {"op": "replace", "path": "/metadata/annotations",
          "value": {"deployment.kubernetes.io/revision": "2"}}]""";
    JsonNode result = Patches.apply(PatchType.JSON, deployment, bytes(patch), Deployment.class);
    assertThat(result).isEqualTo(json("""
        {"metadata": {"name": "web", "annotations": {"deployment.kubernetes.io/revision": "2"}},
         "spec": {"template": {"metadata": {"labels": {"app": "web"}},
           "spec": {"containers": [{"name": "web", "image": "nginx:1.1"}]}}}}"""));
  }
}

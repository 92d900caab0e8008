package io.capstan.apiserver.patch;

import static io.capstan.apiserver.patch.Trees.bytes;
import static io.capstan.apiserver.patch.Trees.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.errors.ApiException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class MergePatchTest {

  record Case(String name, String target, String patch, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> applies() {
    return Stream.of(
        // RFC 7386 appendix A, the cases whose target is an object.
        new Case("replace a member", "{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        new Case("add a member", "{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"),
        new Case("null deletes", "{\"a\":\"b\"}", "{\"a\":null}", "{}"),
        new Case("null deletes one of two", "{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}",
            "{\"b\":\"c\"}"),
        new Case("a scalar replaces an array", "{\"a\":[\"b\"]}", "{\"a\":\"c\"}",
            "{\"a\":\"c\"}"),
        new Case("an array replaces a scalar", "{\"a\":\"c\"}", "{\"a\":[\"b\"]}",
            "{\"a\":[\"b\"]}"),
        new Case("objects merge recursively", "{\"a\":{\"b\":\"c\"}}",
            "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"),
        new Case("arrays are replaced, not merged", "{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}",
            "{\"a\":[1]}"),
        new Case("a null in the target is left alone", "{\"e\":null}", "{\"a\":1}",
            "{\"e\":null,\"a\":1}"),
        new Case("nulls in a new object are pruned", "{}", "{\"a\":{\"bb\":{\"ccc\":null}}}",
            "{\"a\":{\"bb\":{}}}"),
        new Case("an object replacing a scalar is pruned", "{\"a\":\"foo\"}",
            "{\"a\":{\"b\":{\"c\":null}}}", "{\"a\":{\"b\":{}}}"),
        // evanphx/json-patch details.
        new Case("nulls inside objects of a new array are pruned, null elements stay", "{}",
            "{\"a\":[{\"x\":null,\"y\":1},null]}", "{\"a\":[{\"y\":1},null]}"),
        new Case("an array replacing an object is taken as is", "{\"a\":{\"k\":1}}",
            "{\"a\":[{\"x\":null}]}", "{\"a\":[{\"x\":null}]}"),
        new Case("an empty patch changes nothing", "{\"a\":1}", "{}", "{\"a\":1}"),
        // What kubectl and controllers send.
        new Case("kubectl scale", """
            {"spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}}}}""",
            "{\"spec\":{\"replicas\":3}}", """
            {"spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}}}}"""),
        new Case("kubectl label with a removal", """
            {"metadata": {"labels": {"app": "web", "old": "x"}}}""",
            "{\"metadata\":{\"labels\":{\"tier\":\"fe\",\"old\":null}}}", """
            {"metadata": {"labels": {"app": "web", "tier": "fe"}}}"""),
        new Case("a container list is replaced wholesale", """
            {"spec": {"containers": [{"name": "web", "image": "a"}, {"name": "side"}]}}""",
            "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"b\"}]}}", """
            {"spec": {"containers": [{"name": "web", "image": "b"}]}}"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("applies")
  void mergesAsRfc7386(Case c) {
    JsonNode target = json(c.target());
    assertThat(MergePatch.apply(target, bytes(c.patch()))).isEqualTo(json(c.expected()));
    assertThat(target).isEqualTo(json(c.target()));
  }

  record Failure(String name, String patch, int code) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Failure> failures() {
    return Stream.of(
        new Failure("null", "null", 400),
        new Failure("a number", "5", 400),
        new Failure("a string", "\"x\"", 400),
        new Failure("not JSON", "{\"a\":", 400),
        new Failure("an empty body", "", 400),
        new Failure("an array, which would replace the object", "[{\"a\":null}]", 422));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void rejectsPatchesThatAreNotObjects(Failure f) {
    assertThatThrownBy(() -> MergePatch.apply(json("{\"a\":1}"), bytes(f.patch())))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(f.code());
          if (f.code() == 400) {
            assertThat(e.getMessage()).isEqualTo("Invalid JSON Patch");
          } else {
            assertThat(e.reason()).isEqualTo("Invalid");
            assertThat(e.status().getDetails().getCauses()).singleElement()
                .satisfies(cause -> assertThat(cause.getField()).isEqualTo("patch"));
          }
        });
  }
}

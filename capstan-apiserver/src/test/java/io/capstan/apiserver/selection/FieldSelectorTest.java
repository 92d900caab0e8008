package io.capstan.apiserver.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.errors.ApiException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FieldSelectorTest {

  record Parsed(String name, String selector, List<FieldTerm> terms, String canonical) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Parsed> valid() {
    return Stream.of(
        new Parsed("empty", "", List.of(), ""),
        new Parsed("equals", "metadata.name=web",
            List.of(new FieldTerm("metadata.name", true, "web")), "metadata.name=web"),
        new Parsed("double equals prints as equals", "metadata.name==web",
            List.of(new FieldTerm("metadata.name", true, "web")), "metadata.name=web"),
        new Parsed("not equals", "status.phase!=Running",
            List.of(new FieldTerm("status.phase", false, "Running")), "status.phase!=Running"),
        new Parsed("terms sorted by their text", "status.phase!=Failed,spec.nodeName=n1",
            List.of(new FieldTerm("spec.nodeName", true, "n1"),
                new FieldTerm("status.phase", false, "Failed")),
            "spec.nodeName=n1,status.phase!=Failed"),
        new Parsed("empty terms are skipped", ",a=b,,",
            List.of(new FieldTerm("a", true, "b")), "a=b"),
        new Parsed("empty value", "spec.nodeName=",
            List.of(new FieldTerm("spec.nodeName", true, "")), "spec.nodeName="),
        new Parsed("escaped comma, equals and backslash", "metadata.name=a\\,b\\=c\\\\d",
            List.of(new FieldTerm("metadata.name", true, "a,b=c\\d")),
            "metadata.name=a\\,b\\=c\\\\d"),
        new Parsed("field keeps spaces", " a = b ", List.of(new FieldTerm(" a ", true, " b ")),
            " a = b "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parsesLikeKubernetes(Parsed c) {
    FieldSelector selector = FieldSelector.parse(c.selector());
    assertThat(selector.terms()).containsExactlyElementsOf(c.terms());
    assertThat(selector.toString()).isEqualTo(c.canonical());
    assertThat(selector.isEmpty()).isEqualTo(c.terms().isEmpty());
  }

  record Rejected(String name, String selector, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Rejected> invalid() {
    return Stream.of(
        new Rejected("no operator", "metadata.name",
            "invalid selector: 'metadata.name'; can't understand 'metadata.name'"),
        new Rejected("first bad term in sorted order", "z,a",
            "invalid selector: 'z,a'; can't understand 'a'"),
        new Rejected("unescaped equals in a value (Go prints the rune's number)", "a==b=c",
            "invalid field selector: unescaped character in value: 61"),
        new Rejected("unknown escape", "a=b\\x",
            "invalid field selector: invalid escape sequence: \\x"),
        new Rejected("trailing backslash", "a=b\\",
            "invalid field selector: invalid escape sequence: \\"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsWithKubernetesMessage(Rejected c) {
    assertThatThrownBy(() -> FieldSelector.parse(c.selector()))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo(c.message());
        });
  }

  record Match(String selector, Map<String, String> fields, boolean matches) {
    @Override
    public String toString() {
      return "'" + selector + "' on " + fields + " -> " + matches;
    }
  }

  static Stream<Match> matching() {
    Map<String, String> pod = Map.of("metadata.name", "web-1", "status.phase", "Running",
        "spec.nodeName", "node-1");
    return Stream.of(
        new Match("", pod, true),
        new Match("metadata.name=web-1", pod, true),
        new Match("metadata.name=web-2", pod, false),
        new Match("status.phase!=Succeeded,status.phase!=Failed", pod, true),
        new Match("status.phase!=Running", pod, false),
        new Match("spec.nodeName=node-1,metadata.name=web-1", pod, true),
        new Match("spec.nodeName=", Map.of("metadata.name", "pending"), true),
        new Match("spec.nodeName!=", Map.of("metadata.name", "pending"), false),
        new Match("spec.nodeName!=", pod, true),
        new Match("metadata.name=a\\,b", Map.of("metadata.name", "a,b"), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matching")
  void matchesLikeKubernetes(Match c) {
    assertThat(FieldSelector.parse(c.selector()).matches(c.fields())).isEqualTo(c.matches());
  }

  @Test
  void unsupportedFieldsAreRejectedWithKubernetesMessage() {
    FieldSelector selector = FieldSelector.parse("spec.foo=x,metadata.name=a,spec.bar=y");
    assertThat(selector.fields()).containsExactly("metadata.name", "spec.bar", "spec.foo");
    assertThatThrownBy(() -> selector.requireSupported(Set.of("metadata.name", "spec.bar")))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo("field label not supported: spec.foo");
        });
    assertThatCode(() -> selector.requireSupported(Set.of("metadata.name", "spec.bar", "spec.foo")))
        .doesNotThrowAnyException();
    assertThatThrownBy(selector::requireMetadataFieldsOnly)
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo(
            "\"spec.bar\" is not a known field selector: only \"metadata.name\","
                + " \"metadata.namespace\""));
    assertThatCode(() -> FieldSelector.parse("metadata.namespace=x,metadata.name=y")
        .requireMetadataFieldsOnly()).doesNotThrowAnyException();
  }

  @Test
  void exactMatchNarrowsLookupsByNameOrNamespace() {
    FieldSelector selector = FieldSelector.parse("metadata.namespace!=kube-system,metadata.name=web");
    assertThat(selector.requiresExactMatch("metadata.name")).contains("web");
    assertThat(selector.requiresExactMatch("metadata.namespace")).isEmpty();
    assertThat(FieldSelector.parse("").requiresExactMatch("metadata.name")).isEmpty();
  }

  @Test
  void escapingRoundTrips() {
    String value = "we,ird=va\\lue";
    FieldSelector selector = FieldSelector.parse("metadata.name=" + FieldSelector.escapeValue(value));
    assertThat(selector.requiresExactMatch("metadata.name")).contains(value);
    assertThat(FieldSelector.parse(selector.toString())).isEqualTo(selector);
  }
}

package io.capstan.apiserver.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.errors.ApiException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorParseTest {

  private static final String NAME_RULE = "must consist of alphanumeric characters, '-', '_' or"
      + " '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or"
      + " 'my.name',  or '123-abc', regex used for validation is"
      + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  private static final String VALUE_RULE = "a valid label must be an empty string or consist of"
      + " alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric"
      + " character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is"
      + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

  /** A selector and its canonical form. */
  record Parsed(String name, String selector, String canonical) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Parsed> valid() {
    return Stream.of(
        new Parsed("empty selects everything", "", ""),
        new Parsed("only whitespace", "  \t ", ""),
        new Parsed("equals", "a=b", "a=b"),
        new Parsed("double equals", "a==b", "a==b"),
        new Parsed("not equals", "a!=b", "a!=b"),
        new Parsed("in with sorted values", "env in (prod, dev,prod)", "env in (dev,prod)"),
        new Parsed("notin", "env notin (qa)", "env notin (qa)"),
        new Parsed("exists", "tier", "tier"),
        new Parsed("does not exist", "!canary", "!canary"),
        new Parsed("greater and less than", "gen>5,size<10", "gen>5,size<10"),
        new Parsed("empty value", "a=", "a="),
        new Parsed("empty value before a comma", "a=,b", "a=,b"),
        new Parsed("sorted by key with spaces around", " b = 2 ,  a ", "a,b=2"),
        new Parsed("upstream example with empty set members", "x in (foo,,baz),y,z notin ()",
            "x in (,baz,foo),y,z notin ()"),
        new Parsed("keywords are values where values stand", "in in (in, notin)",
            "in in (in,notin)"),
        new Parsed("prefixed key", "app.kubernetes.io/name=web", "app.kubernetes.io/name=web"),
        new Parsed("same key twice keeps both in order", "a=b,a!=c", "a=b,a!=c"),
        new Parsed("newlines and tabs separate", "a\n=\tb", "a=b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parsesToCanonicalForm(Parsed c) {
    assertThat(LabelSelector.parse(c.selector()).toString()).isEqualTo(c.canonical());
  }

  /** A selector Kubernetes rejects, with its message. */
  record Rejected(String name, String selector, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Rejected> invalid() {
    return Stream.of(
        new Rejected("two identifiers", "a b",
            "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
        new Rejected("junk after a requirement", "a=b c",
            "found 'c', expected: ',' or 'end of string'"),
        new Rejected("trailing comma", "a=b,", "found '', expected: identifier after ','"),
        new Rejected("leading comma", ",a", "found ',', expected: !, identifier, or 'end of string'"),
        new Rejected("set without parenthesis", "a in x",
            "unable to parse requirement: found 'x' expected: '('"),
        new Rejected("unclosed set", "a in (x",
            "unable to parse requirement: found '', expected: ',' or ')'"),
        new Rejected("operator inside a set", "a in (=)",
            "unable to parse requirement: found '=', expected: ',', ')' or identifier"),
        new Rejected("operator where a value stands", "a=(b)",
            "unable to parse requirement: found '(', expected: identifier"),
        new Rejected("bang alone", "!", "unable to parse requirement: found '', expected: identifier"),
        new Rejected("bang before an operator", "!a=b",
            "found '=', expected: ',' or 'end of string'"),
        new Rejected("key starting with a dash", "-a=b",
            "unable to parse requirement: <nil>: Invalid value: \"-a\": name part " + NAME_RULE),
        new Rejected("key too long", "k".repeat(64),
            "unable to parse requirement: <nil>: Invalid value: \"" + "k".repeat(64)
                + "\": name part must be no more than 63 characters"),
        new Rejected("upper case prefix", "Example.com/a",
            "unable to parse requirement: <nil>: Invalid value: \"Example.com/a\": prefix part a"
                + " lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                + " characters, '-' or '.', and must start and end with an alphanumeric character"
                + " (e.g. 'example.com', regex used for validation is"
                + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        new Rejected("two slashes", "a/b/c",
            "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name "
                + NAME_RULE
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"),
        new Rejected("empty name after prefix", "example.com/=x",
            "unable to parse requirement: <nil>: Invalid value: \"example.com/\": name part must"
                + " be non-empty; name part " + NAME_RULE),
        new Rejected("invalid value", "a=-b",
            "unable to parse requirement: values[0][a]: Invalid value: \"-b\": " + VALUE_RULE),
        new Rejected("invalid value inside a set is indexed in sorted order", "a in (ok,b_)",
            "unable to parse requirement: values[0][a]: Invalid value: \"b_\": " + VALUE_RULE),
        new Rejected("non integer bound", "a>b",
            "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt'"
                + " operators, the value must be an integer"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsWithKubernetesMessage(Rejected c) {
    assertThatThrownBy(() -> LabelSelector.parse(c.selector()))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.reason()).isEqualTo("BadRequest");
          assertThat(e.getMessage()).isEqualTo(c.message());
        });
  }
}

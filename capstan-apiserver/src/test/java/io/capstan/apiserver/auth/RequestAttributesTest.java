package io.capstan.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestAttributesTest {

  static final UserInfo ADMIN = UserInfo.admin();

  record Case(String name, String method, ResourcePath path, Map<String, List<String>> query,
      String verb, String objectName, String fieldSelector) {
    @Override
    public String toString() {
      return name;
    }
  }

  static ResourcePath pods(String namespace, String name) {
    return new ResourcePath("", namespace, "pods", name, "", false);
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("GET named is get", "GET", pods("default", "p"), Map.of(), "get", "p", ""),
        new Case("HEAD named is get", "HEAD", pods("default", "p"), Map.of(), "get", "p", ""),
        new Case("GET collection is list", "GET", pods("default", ""), Map.of(), "list", "", ""),
        new Case("watch=true is watch", "GET", pods("", ""),
            Map.of("watch", List.of("true")), "watch", "", ""),
        new Case("watch=1 is watch", "GET", pods("", ""), Map.of("watch", List.of("1")),
            "watch", "", ""),
        new Case("watch=false is list", "GET", pods("", ""), Map.of("watch", List.of("false")),
            "list", "", ""),
        new Case("watch=0 is list", "GET", pods("", ""), Map.of("watch", List.of("0")),
            "list", "", ""),
        new Case("legacy /watch/ path on a name", "GET",
            new ResourcePath("", "default", "pods", "p", "", true), Map.of(), "watch", "p", ""),
        new Case("metadata.name selector names the object", "GET",
            new ResourcePath("", "", "nodes", "", "", false),
            Map.of("fieldSelector", List.of("metadata.name=n1"), "watch", List.of("true")),
            "watch", "n1", "metadata.name=n1"),
        new Case("metadata.name!= does not name the object", "GET",
            new ResourcePath("", "", "nodes", "", "", false),
            Map.of("fieldSelector", List.of("metadata.name!=n1")), "list", "", "metadata.name!=n1"),
        new Case("POST is create", "POST", pods("default", ""), Map.of(), "create", "", ""),
        new Case("PUT is update", "put", pods("default", "p"), Map.of(), "update", "p", ""),
        new Case("PATCH is patch", "PATCH", pods("default", "p"), Map.of(), "patch", "p", ""),
        new Case("DELETE named is delete", "DELETE", pods("default", "p"), Map.of(), "delete",
            "p", ""),
        new Case("DELETE collection is deletecollection", "DELETE", pods("default", ""), Map.of(),
            "deletecollection", "", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void derivesVerbAndName(Case c) {
    RequestAttributes a = RequestAttributes.ofResource(ADMIN, c.method(), c.path(), c.query());

    assertThat(a.verb()).isEqualTo(c.verb());
    assertThat(a.name()).isEqualTo(c.objectName());
    assertThat(a.fieldSelector()).isEqualTo(c.fieldSelector());
    assertThat(a.resource()).isEqualTo(c.path().resource());
    assertThat(a.namespace()).isEqualTo(c.path().namespace());
    assertThat(a.isResourceRequest()).isTrue();
  }

  record SelectorCase(String name, String selector, String field, String value) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<SelectorCase> selectors() {
    return Stream.of(
        new SelectorCase("single =", "spec.nodeName=n1", "spec.nodeName", "n1"),
        new SelectorCase("double ==", "spec.nodeName==n1", "spec.nodeName", "n1"),
        new SelectorCase("second term", "metadata.namespace=x,spec.nodeName=n2", "spec.nodeName",
            "n2"),
        new SelectorCase("escaped comma", "spec.nodeName=a\\,b", "spec.nodeName", "a,b"),
        new SelectorCase("not equal", "spec.nodeName!=n1", "spec.nodeName", ""),
        new SelectorCase("other field", "status.phase=Running", "spec.nodeName", ""),
        new SelectorCase("prefix of a field", "spec.nodeNameX=n1", "spec.nodeName", ""),
        new SelectorCase("empty", "", "spec.nodeName", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("selectors")
  void readsExactMatches(SelectorCase c) {
    assertThat(FieldSelectors.requiredValue(c.selector(), c.field()).orElse(""))
        .isEqualTo(c.value());
  }

  @Test
  void nonResourcePathsUseTheLowerCaseMethod() {
    RequestAttributes a = RequestAttributes.ofPath(ADMIN, "GET", "/metrics");
    assertThat(a.verb()).isEqualTo("get");
    assertThat(a.isResourceRequest()).isFalse();
    assertThat(a.path()).isEqualTo("/metrics");
  }
}

package io.capstan.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DiscoveryAuthorizerTest {

  static final UserInfo BOB = new UserInfo("bob", List.of()).withAuthenticatedGroup();

  record Case(String name, RequestAttributes request, Decision.Verdict verdict) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    var allow = Decision.Verdict.ALLOW;
    var none = Decision.Verdict.NO_OPINION;
    return Stream.of(
        new Case("core discovery", RequestAttributes.ofPath(BOB, "GET", "/api"), allow),
        new Case("core version discovery", RequestAttributes.ofPath(BOB, "GET", "/api/v1"),
            allow),
        new Case("group discovery", RequestAttributes.ofPath(BOB, "GET", "/apis/apps/v1"), allow),
        new Case("version", RequestAttributes.ofPath(BOB, "GET", "/version"), allow),
        new Case("openapi v3", RequestAttributes.ofPath(BOB, "GET", "/openapi/v3/apis/apps/v1"),
            allow),
        new Case("readyz", RequestAttributes.ofPath(BOB, "GET", "/readyz"), allow),
        new Case("metrics", RequestAttributes.ofPath(BOB, "GET", "/metrics"), none),
        new Case("post to discovery", RequestAttributes.ofPath(BOB, "POST", "/api"), none),
        new Case("not authenticated",
            RequestAttributes.ofPath(new UserInfo("bob", List.of()), "GET", "/api"), none),
        new Case("resource request",
            new RequestAttributes(BOB, "get", "", "pods", "", "default", "p", "", ""), none));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void opensDiscoveryToAuthenticatedUsers(Case c) {
    assertThat(new DiscoveryAuthorizer().authorize(c.request()).verdict()).isEqualTo(c.verdict());
  }
}

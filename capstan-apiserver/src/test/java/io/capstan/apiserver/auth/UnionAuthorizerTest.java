package io.capstan.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The authorizers in the order the server will chain them. */
class UnionAuthorizerTest {

  static final NodeGraph NOTHING_BOUND = new NodeGraph() {
    @Override
    public boolean isPodBoundTo(String namespace, String pod, String node) {
      return false;
    }

    @Override
    public boolean isReferencedByPodsOf(String node, Reference kind, String namespace,
        String name) {
      return false;
    }
  };

  static final Authorizer CHAIN = new UnionAuthorizer(List.of(
      new MastersAuthorizer(),
      new NodeAuthorizer(NOTHING_BOUND),
      new ServiceAccountReadOnlyAuthorizer()));

  static final UserInfo SA = UserInfo.serviceAccount("default", "builder");
  static final UserInfo BOB = new UserInfo("bob", List.of("system:authenticated"));

  record Case(String name, UserInfo user, String verb, String group, String resource,
      boolean allowed) {
    @Override
    public String toString() {
      return (allowed ? "allow " : "deny ") + name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("admin creates a deployment", UserInfo.admin(), "create", "apps",
            "deployments", true),
        new Case("admin deletes secrets", UserInfo.admin(), "deletecollection", "", "secrets",
            true),
        new Case("node with masters group", new UserInfo("system:node:a",
            List.of("system:nodes", "system:masters")), "delete", "", "nodes", true),
        new Case("node creates a deployment", UserInfo.node("a"), "create", "apps",
            "deployments", false),
        new Case("service account lists pods", SA, "list", "", "pods", true),
        new Case("service account watches deployments", SA, "watch", "apps", "deployments",
            true),
        new Case("service account gets a secret", SA, "get", "", "secrets", true),
        new Case("service account creates a pod", SA, "create", "", "pods", false),
        new Case("service account patches a deployment", SA, "patch", "apps", "deployments",
            false),
        new Case("service account deletes a configmap", SA, "delete", "", "configmaps", false),
        new Case("unknown user reads pods", BOB, "list", "", "pods", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void chainsAuthorizers(Case c) {
    var request = new RequestAttributes(c.user(), c.verb(), c.group(), c.resource(), "",
        "default", c.verb().equals("get") || c.verb().equals("patch")
            || c.verb().equals("delete") ? "x" : "", "", "");

    Decision decision = CHAIN.authorize(request);

    assertThat(decision.allowed()).isEqualTo(c.allowed());
    assertThat(decision.verdict()).isNotEqualTo(Decision.Verdict.NO_OPINION);
  }
}

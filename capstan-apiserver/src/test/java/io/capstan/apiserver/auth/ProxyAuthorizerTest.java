package io.capstan.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyAuthorizerTest {

  static final UserInfo PROXY_A = UserInfo.proxy("a");

  record Case(String name, RequestAttributes request, Decision.Verdict verdict) {
    @Override
    public String toString() {
      return verdict + " " + name;
    }
  }

  static RequestAttributes req(UserInfo user, String verb, String group, String resource,
      String namespace, String name) {
    return new RequestAttributes(user, verb, group, resource, "", namespace, name, "", "");
  }

  static Case allow(String name, String verb, String group, String resource, String namespace,
      String object) {
    return new Case(name, req(PROXY_A, verb, group, resource, namespace, object),
        Decision.Verdict.ALLOW);
  }

  static Case deny(String name, String verb, String group, String resource, String namespace,
      String object) {
    return new Case(name, req(PROXY_A, verb, group, resource, namespace, object),
        Decision.Verdict.DENY);
  }

  static Stream<Case> cases() {
    String lease = "coordination.k8s.io";
    return Stream.of(
        allow("watch services", "watch", "", "services", "", ""),
        allow("list endpointslices", "list", "discovery.k8s.io", "endpointslices", "", ""),
        allow("list endpoints", "list", "", "endpoints", "", ""),
        allow("watch all pods", "watch", "", "pods", "", ""),
        allow("get a node", "get", "", "nodes", "", "b"),
        allow("acknowledge draining on a pod", "patch", "", "pods", "default", "web-1"),
        allow("create its lease", "create", lease, "leases", "kube-node-lease",
            "capstan-proxy-a"),
        allow("update its lease", "update", lease, "leases", "kube-node-lease",
            "capstan-proxy-a"),
        allow("get the lease namespace", "get", "", "namespaces", "", "kube-node-lease"),
        allow("record an event", "create", "", "events", "default", ""),
        deny("update another proxy's lease", "update", lease, "leases", "kube-node-lease",
            "capstan-proxy-b"),
        deny("update a node's lease", "update", lease, "leases", "kube-node-lease", "a"),
        deny("read secrets", "get", "", "secrets", "default", "s"),
        deny("list configmaps", "list", "", "configmaps", "", ""),
        deny("delete a pod", "delete", "", "pods", "default", "web-1"),
        deny("update a service", "update", "", "services", "default", "web"),
        deny("create a deployment", "create", "apps", "deployments", "default", ""),
        deny("get another namespace", "get", "", "namespaces", "", "default"),
        new Case("no opinion on nodes", req(UserInfo.node("a"), "get", "", "secrets", "d", "s"),
            Decision.Verdict.NO_OPINION),
        new Case("no opinion on the admin", req(UserInfo.admin(), "get", "", "secrets", "d", "s"),
            Decision.Verdict.NO_OPINION));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesProxyRequests(Case c) {
    assertThat(new ProxyAuthorizer().authorize(c.request()).verdict()).isEqualTo(c.verdict());
  }
}

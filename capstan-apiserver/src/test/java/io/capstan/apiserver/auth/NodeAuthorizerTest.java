package io.capstan.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NodeAuthorizerTest {

  static final UserInfo NODE_A = UserInfo.node("a");

  /**
   * Pod default/pa runs on node a and mounts configmap default/cfg-a and secret default/sec-a as
   * service account default/sa-a; pod default/pb runs on node b with secret default/sec-b.
   */
  record FixedGraph(Set<String> bindings, Set<String> references) implements NodeGraph {

    @Override
    public boolean isPodBoundTo(String namespace, String pod, String node) {
      return bindings.contains(namespace + "/" + pod + "@" + node);
    }

    @Override
    public boolean isReferencedByPodsOf(String node, Reference kind, String namespace,
        String name) {
      return references.contains(node + ":" + kind + ":" + namespace + "/" + name);
    }
  }

  static final NodeGraph GRAPH = new FixedGraph(
      Set.of("default/pa@a", "default/pb@b"),
      Set.of("a:CONFIG_MAP:default/cfg-a", "a:SECRET:default/sec-a",
          "a:SERVICE_ACCOUNT:default/sa-a", "b:SECRET:default/sec-b"));

  record Case(String name, RequestAttributes request, boolean allowed) {
    @Override
    public String toString() {
      return (allowed ? "allow " : "deny ") + name;
    }
  }

  static RequestAttributes req(String verb, String group, String resource, String subresource,
      String namespace, String name) {
    return new RequestAttributes(NODE_A, verb, group, resource, subresource, namespace, name, "",
        "");
  }

  static RequestAttributes listPods(String verb, String fieldSelector) {
    return new RequestAttributes(NODE_A, verb, "", "pods", "", "", "", "", fieldSelector);
  }

  static Case allow(String name, RequestAttributes request) {
    return new Case(name, request, true);
  }

  static Case deny(String name, RequestAttributes request) {
    return new Case(name, request, false);
  }

  static Stream<Case> cases() {
    String lease = "coordination.k8s.io";
    return Stream.of(
        allow("get own node", req("get", "", "nodes", "", "", "a")),
        allow("watch own node by name", req("watch", "", "nodes", "", "", "a")),
        allow("create own node", req("create", "", "nodes", "", "", "a")),
        allow("update own node", req("update", "", "nodes", "", "", "a")),
        allow("patch own node status", req("patch", "", "nodes", "status", "", "a")),
        allow("update own node status", req("update", "", "nodes", "status", "", "a")),
        deny("delete own node", req("delete", "", "nodes", "", "", "a")),
        deny("get another node", req("get", "", "nodes", "", "", "b")),
        deny("update another node's status", req("update", "", "nodes", "status", "", "b")),
        deny("create a node without a name", req("create", "", "nodes", "", "", "")),
        deny("list all nodes", req("list", "", "nodes", "", "", "")),
        allow("get own lease", req("get", lease, "leases", "", "kube-node-lease", "a")),
        allow("create own lease", req("create", lease, "leases", "", "kube-node-lease", "a")),
        allow("update own lease", req("update", lease, "leases", "", "kube-node-lease", "a")),
        deny("update another node's lease",
            req("update", lease, "leases", "", "kube-node-lease", "b")),
        deny("own name lease in another namespace",
            req("update", lease, "leases", "", "default", "a")),
        deny("delete own lease", req("delete", lease, "leases", "", "kube-node-lease", "a")),
        allow("list pods on itself", listPods("list", "spec.nodeName=a")),
        allow("watch pods on itself", listPods("watch", "spec.nodeName=a")),
        deny("list all pods", listPods("list", "")),
        deny("watch another node's pods", listPods("watch", "spec.nodeName=b")),
        allow("get own pod", req("get", "", "pods", "", "default", "pa")),
        allow("update own pod status", req("update", "", "pods", "status", "default", "pa")),
        allow("patch own pod status", req("patch", "", "pods", "status", "default", "pa")),
        allow("delete own pod", req("delete", "", "pods", "", "default", "pa")),
        deny("get another node's pod", req("get", "", "pods", "", "default", "pb")),
        deny("update another node's pod status",
            req("update", "", "pods", "status", "default", "pb")),
        deny("update own pod spec", req("update", "", "pods", "", "default", "pa")),
        deny("create a pod", req("create", "", "pods", "", "default", "")),
        deny("exec in own pod", req("create", "", "pods", "exec", "default", "pa")),
        allow("create an event", req("create", "", "events", "", "default", "")),
        allow("patch an events.k8s.io event",
            req("patch", "events.k8s.io", "events", "", "default", "e")),
        deny("delete an event", req("delete", "", "events", "", "default", "e")),
        allow("get a referenced configmap", req("get", "", "configmaps", "", "default", "cfg-a")),
        allow("get a referenced secret", req("get", "", "secrets", "", "default", "sec-a")),
        allow("get the pods' service account",
            req("get", "", "serviceaccounts", "", "default", "sa-a")),
        deny("get an arbitrary secret", req("get", "", "secrets", "", "default", "admin-creds")),
        deny("get another node's secret", req("get", "", "secrets", "", "default", "sec-b")),
        deny("get a referenced secret in another namespace",
            req("get", "", "secrets", "", "other", "sec-a")),
        deny("list secrets", req("list", "", "secrets", "", "default", "")),
        deny("update a referenced configmap",
            req("update", "", "configmaps", "", "default", "cfg-a")),
        deny("create a deployment", req("create", "apps", "deployments", "", "default", "")),
        deny("update a deployment", req("update", "apps", "deployments", "", "default", "web")),
        deny("scale a deployment", req("update", "apps", "deployments", "scale", "default", "w")),
        deny("get a deployment", req("get", "apps", "deployments", "", "default", "web")),
        deny("delete a namespace", req("delete", "", "namespaces", "", "", "default")),
        allow("get the lease namespace", req("get", "", "namespaces", "", "", "kube-node-lease")),
        deny("get another namespace", req("get", "", "namespaces", "", "", "default")),
        allow("watch a referenced configmap by name",
            req("watch", "", "configmaps", "", "default", "cfg-a")),
        allow("list a referenced secret by name",
            req("list", "", "secrets", "", "default", "sec-a")),
        deny("watch an unreferenced configmap by name",
            req("watch", "", "configmaps", "", "default", "other")),
        allow("request a token for its pods' service account",
            req("create", "", "serviceaccounts", "token", "default", "sa-a")),
        deny("request a token for another service account",
            req("create", "", "serviceaccounts", "token", "default", "builder")),
        deny("create a service account", req("create", "", "serviceaccounts", "", "default", "")),
        allow("list services", req("list", "", "services", "", "", "")),
        allow("watch services", req("watch", "", "services", "", "", "")),
        deny("update a service", req("update", "", "services", "", "default", "web")),
        allow("watch leases in kube-node-lease",
            req("watch", lease, "leases", "", "kube-node-lease", "")),
        deny("list leases elsewhere", req("list", lease, "leases", "", "kube-system", "")),
        deny("list leases in every namespace", req("list", lease, "leases", "", "", "")),
        allow("read discovery", RequestAttributes.ofPath(NODE_A, "GET", "/apis")),
        deny("post to a path", RequestAttributes.ofPath(NODE_A, "POST", "/apis")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decidesNodeRequests(Case c) {
    Decision decision = new NodeAuthorizer(GRAPH).authorize(c.request());

    assertThat(decision.verdict())
        .isEqualTo(c.allowed() ? Decision.Verdict.ALLOW : Decision.Verdict.DENY);
    assertThat(decision.reason()).isNotEmpty();
  }

  static Stream<UserInfo> notNodes() {
    return Stream.of(
        UserInfo.admin(),
        UserInfo.serviceAccount("default", "x"),
        new UserInfo("system:node:a", List.of()),
        new UserInfo("a", List.of("system:nodes")),
        new UserInfo("system:node:", List.of("system:nodes")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notNodes")
  void hasNoOpinionOnOtherUsers(UserInfo user) {
    var request = new RequestAttributes(user, "get", "", "secrets", "", "default", "sec-a", "",
        "");

    assertThat(new NodeAuthorizer(GRAPH).authorize(request).verdict())
        .isEqualTo(Decision.Verdict.NO_OPINION);
  }
}

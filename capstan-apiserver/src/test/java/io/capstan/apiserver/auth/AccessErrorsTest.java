package io.capstan.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class AccessErrorsTest {

  static final UserInfo NODE_A = UserInfo.node("a");

  /** The body as the server writes an ApiException: the Status tree with kind and apiVersion. */
  static JsonNode body(ApiException error) {
    ObjectNode status = Json.toTree(error.status());
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    return status;
  }

  @Test
  void unauthorizedIsKubernetesBody() {
    ApiException error = AccessErrors.unauthorized();

    assertThat(error.code()).isEqualTo(401);
    assertThat(body(error)).isEqualTo(Json.MAPPER.readTree("""
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
        "message":"Unauthorized","reason":"Unauthorized","code":401}"""));
  }

  record Case(String name, RequestAttributes request, String reason, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static RequestAttributes req(UserInfo user, String verb, String group, String resource,
      String subresource, String namespace, String name) {
    return new RequestAttributes(user, verb, group, resource, subresource, namespace, name, "",
        "");
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("namespaced list", req(NODE_A, "list", "", "pods", "", "default", ""), "", """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"pods is forbidden: User \\"system:node:a\\" cannot list resource \\"pods\\" in API group \\"\\" in the namespace \\"default\\"",
             "reason":"Forbidden","details":{"kind":"pods"},"code":403}"""),
        new Case("cluster-scoped named", req(NODE_A, "get", "", "nodes", "", "", "b"), "", """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"nodes \\"b\\" is forbidden: User \\"system:node:a\\" cannot get resource \\"nodes\\" in API group \\"\\" at the cluster scope",
             "reason":"Forbidden","details":{"name":"b","kind":"nodes"},"code":403}"""),
        new Case("subresource with a reason",
            req(NODE_A, "update", "", "pods", "status", "default", "pb"),
            "no relationship found between node 'a' and this object", """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"pods \\"pb\\" is forbidden: User \\"system:node:a\\" cannot update resource \\"pods/status\\" in API group \\"\\" in the namespace \\"default\\": no relationship found between node 'a' and this object",
             "reason":"Forbidden","details":{"name":"pb","kind":"pods"},"code":403}"""),
        new Case("group resource",
            req(NODE_A, "create", "apps", "deployments", "", "default", ""), "", """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"deployments.apps is forbidden: User \\"system:node:a\\" cannot create resource \\"deployments\\" in API group \\"apps\\" in the namespace \\"default\\"",
             "reason":"Forbidden","details":{"group":"apps","kind":"deployments"},"code":403}"""),
        new Case("non-resource path",
            RequestAttributes.ofPath(new UserInfo("x", List.of()), "GET", "/metrics"), "", """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"forbidden: User \\"x\\" cannot get path \\"/metrics\\"",
             "reason":"Forbidden","details":{},"code":403}"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void forbiddenIsKubernetesBody(Case c) {
    ApiException error = AccessErrors.forbidden(c.request(), c.reason());

    assertThat(error.code()).isEqualTo(403);
    assertThat(error.reason()).isEqualTo("Forbidden");
    assertThat(body(error)).isEqualTo(Json.MAPPER.readTree(c.expected()));
  }
}

package io.capstan.apiserver.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Bad requests get Kubernetes Status errors with the right code, never a 500 or a trace. */
class HttpErrorsTest {

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Case(String name, String method, String path, String contentType, String body,
      int code, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String cm = "/api/v1/namespaces/default/configmaps";
    return Stream.of(
        new Case("malformed JSON", "POST", cm, "application/json", "{\"kind\":", 400, "BadRequest"),
        new Case("body not an object", "POST", cm, "application/json", "[1,2]", 400, "BadRequest"),
        new Case("empty body", "POST", cm, "application/json", "", 400, "BadRequest"),
        new Case("malformed YAML", "POST", cm, "application/yaml", "a: [", 400, "BadRequest"),
        new Case("unknown resource", "GET", "/api/v1/namespaces/default/widgets", null, null,
            404, "NotFound"),
        new Case("unknown group", "GET", "/apis/example.com/v1/things", null, null, 404,
            "NotFound"),
        new Case("unknown path", "GET", "/nothing/here", null, null, 404, "NotFound"),
        new Case("malformed protobuf body", "POST", cm, "application/vnd.kubernetes.protobuf", "k8s",
            400, "BadRequest"),
        new Case("text body", "POST", cm, "text/plain", "hello", 415, "UnsupportedMediaType"),
        new Case("patch without patch type", "PATCH", cm + "/x", "application/json", "{}", 415,
            "UnsupportedMediaType"),
        new Case("wrong kind in body", "POST", cm, "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"x\"}}", 400,
            "BadRequest"),
        new Case("namespace mismatch", "POST", cm, "application/json",
            "{\"metadata\":{\"name\":\"x\",\"namespace\":\"other\"}}", 400, "BadRequest"),
        new Case("bad resourceVersion", "GET", cm + "?resourceVersion=abc", null, null, 400,
            "BadRequest"),
        new Case("bad limit", "GET", cm + "?limit=ten", null, null, 400, "BadRequest"),
        new Case("bad continue", "GET", cm + "?limit=1&continue=garbage", null, null, 400,
            "BadRequest"),
        new Case("bad dryRun", "POST", cm + "?dryRun=Yes", "application/json",
            "{\"metadata\":{\"name\":\"x\"}}", 400, "BadRequest"),
        new Case("unsupported field selector", "GET", cm + "?fieldSelector=spec.foo%3Dbar", null,
            null, 400, "BadRequest"),
        new Case("delete missing", "DELETE", cm + "/absent", null, null, 404, "NotFound"),
        new Case("method not allowed", "POST", cm + "/named", "application/json", "{}", 405,
            "MethodNotAllowed"),
        new Case("create without a namespace", "POST", "/api/v1/configmaps", "application/json",
            "{\"metadata\":{\"name\":\"x\",\"namespace\":\"default\"}}", 405,
            "MethodNotAllowed"),
        new Case("named get without a namespace", "GET", "/api/v1/configmaps/x", null, null, 404,
            "NotFound"),
        new Case("namespaced path of a cluster resource", "GET",
            "/api/v1/namespaces/default/nodes", null, null, 404, "NotFound"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithStatus(Case c) throws Exception {
    HttpResponse<String> response = server.send(c.method(), c.path(), c.contentType(), c.body());
    assertThat(response.statusCode()).isEqualTo(c.code());
    JsonNode status = Json.MAPPER.readTree(response.body());
    assertThat(status.path("kind").asString()).isEqualTo("Status");
    assertThat(status.path("status").asString()).isEqualTo("Failure");
    assertThat(status.path("reason").asString()).isEqualTo(c.reason());
    assertThat(status.path("code").asInt()).isEqualTo(c.code());
    assertThat(response.body()).doesNotContain("at io.capstan", "Exception");
  }

  @org.junit.jupiter.api.Test
  void oversizedBodyIsTooLarge() throws Exception {
    String big = "{\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\"" + "x".repeat(4 * 1024 * 1024)
        + "\"}}";
    HttpResponse<String> response = server.send("POST", "/api/v1/namespaces/default/configmaps",
        "application/json", big);
    assertThat(response.statusCode()).isEqualTo(413);
  }
}

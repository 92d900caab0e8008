package io.capstan.apiserver.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The {@code serviceaccounts/token} subresource as clients discover it, and its absence on a
 * server that issues no tokens (one without security, as in-process embeddings run).
 */
class ServiceAccountTokenDiscoveryTest {

  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void legacyDiscoveryListsTheTokenSubresourceAsKubernetesDoes() throws Exception {
    JsonNode list = Json.MAPPER.readTree(server.get("/api/v1", null).body());
    JsonNode token = null;
    for (JsonNode resource : list.path("resources")) {
      if (resource.path("name").asString("").equals("serviceaccounts/token")) {
        token = resource;
      }
    }
    assertThat(token).isNotNull();
    assertThat(token.toString()).isEqualTo("{\"name\":\"serviceaccounts/token\","
        + "\"singularName\":\"\",\"namespaced\":true,\"group\":\"authentication.k8s.io\","
        + "\"version\":\"v1\",\"kind\":\"TokenRequest\",\"verbs\":[\"create\"]}");
  }

  @Test
  void aggregatedDiscoveryListsTheTokenSubresource() throws Exception {
    JsonNode doc = Json.MAPPER.readTree(server.get("/api",
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList").body());
    JsonNode subresources = null;
    for (JsonNode resource : doc.path("items").path(0).path("versions").path(0)
        .path("resources")) {
      if (resource.path("resource").asString("").equals("serviceaccounts")) {
        subresources = resource.path("subresources");
      }
    }
    assertThat(String.valueOf(subresources)).isEqualTo("[{\"subresource\":\"token\","
        + "\"responseKind\":{\"group\":\"authentication.k8s.io\",\"version\":\"v1\","
        + "\"kind\":\"TokenRequest\"},\"verbs\":[\"create\"]}]");
  }

  @Test
  void aServerWithoutSecurityIssuesNoTokens() throws Exception {
    HttpResponse<String> response = server.send("POST",
        "/api/v1/namespaces/default/serviceaccounts/default/token", "application/json",
        "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{}}");
    assertThat(response.statusCode()).isEqualTo(404);
  }
}

package io.capstan.apiserver.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.ApiSecurity;
import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.apiserver.auth.UserInfo;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.tls.CertificateRequests;
import io.capstan.apiserver.tls.IssuedCertificate;
import io.capstan.apiserver.tls.Pem;
import io.capstan.apiserver.tls.TlsContexts;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A server with security, end to end over HTTPS: the admin token works, a node joins with the join
 * token by certificate signing requests, and the certificate it gets acts as that node and no
 * other, through the fabric8 client as the node agent uses it.
 */
class SecureServerTest {

  private static final String ADMIN_TOKEN = "admin-secret-token";
  private static final String JOIN_TOKEN = "join-secret-token";

  @TempDir
  static Path tlsDir;

  private static ApiServer server;

  @BeforeAll
  static void start() throws Exception {
    server = ApiServer.start(new MemoryStore(), ApiServerConfig.defaults().withPort(0)
        .withSecurity(new ApiSecurity(tlsDir, List.of(), Map.of(ADMIN_TOKEN, UserInfo.admin()),
            Optional.of(JOIN_TOKEN), Optional.empty())));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> post(String path, String token, String body)
      throws Exception {
    try (HttpClient http = HttpClient.newBuilder().sslContext(TlsContexts.clientContext(
        server.certificateAuthority().orElseThrow().certificate(), Optional.empty())).build()) {
      return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static KubernetesClient client(Optional<IssuedCertificate> certificate,
      Optional<String> token) {
    ConfigBuilder config = new ConfigBuilder().withMasterUrl(server.url())
        .withCaCertData(base64(server.certificateAuthority().orElseThrow().certificatePem()))
        .withRequestRetryBackoffLimit(0);
    certificate.ifPresent(c -> config.withClientCertData(base64(c.certificatePem()))
        .withClientKeyData(base64(c.privateKeyPem())).withClientKeyAlgo("EC"));
    token.ifPresent(config::withOauthToken);
    return new KubernetesClientBuilder().withConfig(config.build()).build();
  }

  private static String base64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }

  private static IssuedCertificate join(String node) throws Exception {
    KeyPair keys = CertificateRequests.newKeyPair();
    String csr = CertificateRequests.create(keys, "system:node:" + node, List.of("system:nodes"));
    var body = Json.object();
    body.putArray("certificateSigningRequests").add(csr);
    HttpResponse<String> response = post("/capstan/v1/node-credentials", JOIN_TOKEN,
        Json.MAPPER.writeValueAsString(body));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode answer = Json.MAPPER.readTree(response.body());
    assertThat(answer.path("certificateAuthority").asString())
        .isEqualTo(server.certificateAuthority().orElseThrow().certificatePem());
    return IssuedCertificate.of(
        Pem.decodeCertificates(answer.path("certificates").get(0).asString()).getFirst(),
        keys.getPrivate());
  }

  @Test
  void servesHttpsAndTheAdminTokenReachesEverything() {
    assertThat(server.url()).startsWith("https://");
    try (KubernetesClient admin = client(Optional.empty(), Optional.of(ADMIN_TOKEN))) {
      assertThat(admin.namespaces().withName("default").get()).isNotNull();
      assertThat(admin.secrets().inAnyNamespace().list().getItems()).isNotNull();
    }
    try (KubernetesClient nobody = client(Optional.empty(), Optional.empty())) {
      assertThatThrownBy(() -> nobody.namespaces().list())
          .isInstanceOfSatisfying(KubernetesClientException.class,
              e -> assertThat(e.getCode()).isEqualTo(401));
    }
  }

  @Test
  void aJoinedNodeActsAsItselfAndNoOtherNode() throws Exception {
    IssuedCertificate credential = join("n1");
    try (KubernetesClient node = client(Optional.of(credential), Optional.empty())) {
      node.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata()
          .build()).create();
      assertThat(node.nodes().withName("n1").get()).isNotNull();
      assertThatThrownBy(() -> node.nodes().resource(new NodeBuilder().withNewMetadata()
          .withName("n2").endMetadata().build()).create())
          .isInstanceOfSatisfying(KubernetesClientException.class,
              e -> assertThat(e.getCode()).isEqualTo(403));
      assertThatThrownBy(() -> node.pods().inAnyNamespace().list())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getStatus().getMessage()).startsWith("pods is forbidden: User "
                + "\"system:node:n1\" cannot list resource \"pods\" in API group \"\" at the "
                + "cluster scope");
          });
      assertThat(node.pods().inAnyNamespace().withField("spec.nodeName", "n1").list().getItems())
          .isEmpty();
    }
  }

  @Test
  void joiningNeedsTheJoinTokenAndANodeIdentity() throws Exception {
    String admin = CertificateRequests.create(CertificateRequests.newKeyPair(), "admin",
        List.of("system:masters"));
    String body = "{\"certificateSigningRequests\": [" + Json.MAPPER.writeValueAsString(admin)
        + "]}";
    assertThat(post("/capstan/v1/node-credentials", "wrong", body).statusCode()).isEqualTo(401);
    assertThat(post("/capstan/v1/node-credentials", ADMIN_TOKEN, body).statusCode())
        .isEqualTo(401);
    HttpResponse<String> refused = post("/capstan/v1/node-credentials", JOIN_TOKEN, body);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("a node may only ask for");
    assertThat(post("/capstan/v1/node-credentials", JOIN_TOKEN, "{\"x\": 1}").statusCode())
        .isEqualTo(400);
    assertThat(post("/capstan/v1/node-credentials", JOIN_TOKEN,
        "{\"certificateSigningRequests\": [\"not a csr\"]}").statusCode()).isEqualTo(400);
  }

  @Test
  void theJoinTokenIsNotAnApiCredential() {
    try (KubernetesClient joiner = client(Optional.empty(), Optional.of(JOIN_TOKEN))) {
      assertThatThrownBy(() -> joiner.namespaces().list())
          .isInstanceOfSatisfying(KubernetesClientException.class,
              e -> assertThat(e.getCode()).isEqualTo(401));
    }
  }
}

package io.capstan.apiserver.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.json.Meta;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class TokenRequestsTest {

  @TempDir
  Path tlsDir;
  RegistryFixture fixture;
  ObjectNode account;
  ObjectNode pod;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new RegistryFixture(tlsDir);
    fixture.createNamespace("team");
    account = fixture.createServiceAccount("team", "builder");
    pod = fixture.createPod("team", "web", "builder");
    fixture.createServiceAccount("team", "other");
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void issuesAnHourLongTokenForTheApiServerByDefault() {
    TokenRequests.Issued issued = fixture.tokenRequests().create("team", "builder", body("""
        {"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}}"""));

    ObjectNode out = issued.tokenRequest();
    assertThat(issued.warnings()).isEmpty();
    assertThat(out.path("kind").asString()).isEqualTo("TokenRequest");
    assertThat(out.path("apiVersion").asString()).isEqualTo("authentication.k8s.io/v1");
    assertThat(out.path("metadata").path("name").asString()).isEqualTo("builder");
    assertThat(out.path("metadata").path("namespace").asString()).isEqualTo("team");
    assertThat(out.path("metadata").path("creationTimestamp").asString())
        .isEqualTo("2026-01-01T00:00:00Z");
    assertThat(out.path("spec").path("audiences").toString())
        .isEqualTo("[\"https://kubernetes.default.svc.cluster.local\"]");
    assertThat(out.path("spec").path("expirationSeconds").asLong()).isEqualTo(3600);
    assertThat(out.path("status").path("expirationTimestamp").asString())
        .isEqualTo("2026-01-01T01:00:00Z");

    String[] parts = out.path("status").path("token").asString().split("\\.");
    assertThat(parts).hasSize(3);
    assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(64);
    JsonNode header = decode(parts[0]);
    assertThat(header.path("alg").asString()).isEqualTo("ES256");
    assertThat(header.path("kid").asString()).isEqualTo(
        ServiceAccountKeys.loadOrCreate(tlsDir).keyId());
    JsonNode claims = decode(parts[1]);
    assertThat(List.copyOf(claims.propertyNames()))
        .containsExactly("aud", "exp", "iat", "iss", "jti", "kubernetes.io", "nbf", "sub");
    assertThat(claims.path("iss").asString()).isEqualTo(ServiceAccounts.ISSUER);
    assertThat(claims.path("sub").asString()).isEqualTo("system:serviceaccount:team:builder");
    assertThat(claims.path("iat").asLong()).isEqualTo(1767225600L);
    assertThat(claims.path("nbf").asLong()).isEqualTo(1767225600L);
    assertThat(claims.path("exp").asLong()).isEqualTo(1767225600L + 3600);
    assertThat(claims.path("kubernetes.io").toString()).isEqualTo(
        "{\"namespace\":\"team\",\"serviceaccount\":{\"name\":\"builder\",\"uid\":\""
            + Meta.uid(account) + "\"}}");
  }

  @Test
  void bindsTheTokenToThePodItNames() {
    ObjectNode out = fixture.tokenRequests().create("team", "builder", body("""
        {"spec":{"audiences":["vault"],"expirationSeconds":3607,
          "boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"web","uid":"%s"}}}"""
        .formatted(Meta.uid(pod)))).tokenRequest();

    assertThat(out.path("spec").path("audiences").toString()).isEqualTo("[\"vault\"]");
    assertThat(out.path("spec").path("boundObjectRef").path("name").asString()).isEqualTo("web");
    JsonNode claims = decode(out.path("status").path("token").asString().split("\\.")[1]);
    assertThat(claims.path("aud").toString()).isEqualTo("[\"vault\"]");
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3607);
    assertThat(claims.path("kubernetes.io").path("pod").toString()).isEqualTo(
        "{\"name\":\"web\",\"uid\":\"" + Meta.uid(pod) + "\"}");
  }

  @Test
  void shortensExpiriesBeyondFortyEightHoursWithAWarning() {
    TokenRequests.Issued issued = fixture.tokenRequests().create("team", "builder", body("""
        {"spec":{"expirationSeconds":200000}}"""));

    assertThat(issued.tokenRequest().path("spec").path("expirationSeconds").asLong())
        .isEqualTo(172800);
    assertThat(issued.tokenRequest().path("status").path("expirationTimestamp").asString())
        .isEqualTo("2026-01-03T00:00:00Z");
    assertThat(issued.warnings()).containsExactly(
        "requested expiration of 200000 seconds shortened to 172800 seconds");
  }

  @Test
  void acceptsTheTenMinuteMinimum() {
    ObjectNode out = fixture.tokenRequests().create("team", "builder",
        body("{\"spec\":{\"expirationSeconds\":600}}")).tokenRequest();
    assertThat(out.path("status").path("expirationTimestamp").asString())
        .isEqualTo("2026-01-01T00:10:00Z");
  }

  record Refusal(String name, String account, String body, int code, String message,
      String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Refusal> refusals() {
    return Stream.of(
        new Refusal("under ten minutes", "builder", "{\"spec\":{\"expirationSeconds\":599}}",
            422, "TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: "
                + "Invalid value: 599: may not specify a duration less than 10 minutes",
            "spec.expirationSeconds"),
        new Refusal("unknown account", "ghost", "{\"spec\":{}}", 404,
            "serviceaccounts \"ghost\" not found", ""),
        new Refusal("name differs from the URL", "builder",
            "{\"metadata\":{\"name\":\"other\"},\"spec\":{}}", 422,
            "TokenRequest.authentication.k8s.io \"builder\" is invalid: metadata.name: "
                + "Invalid value: \"other\": must match the service account name if specified",
            "metadata.name"),
        new Refusal("bound pod missing", "builder",
            "{\"spec\":{\"boundObjectRef\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\","
                + "\"name\":\"gone\"}}}", 404, "pods \"gone\" not found", ""),
        new Refusal("bound pod uid differs", "builder",
            "{\"spec\":{\"boundObjectRef\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\","
                + "\"name\":\"web\",\"uid\":\"0000\"}}}", 409,
            "Operation cannot be fulfilled on Pod \"web\": the UID in the bound object "
                + "reference (0000) does not match the UID in record. The object might have "
                + "been deleted and then recreated", ""),
        new Refusal("bound pod runs as another account", "other",
            "{\"spec\":{\"boundObjectRef\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\","
                + "\"name\":\"web\"}}}", 400, "cannot bind token for serviceaccount \"other\" "
                + "to pod running with different serviceaccount name.", ""),
        new Refusal("bound to a kind that cannot hold tokens", "builder",
            "{\"spec\":{\"boundObjectRef\":{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\","
                + "\"name\":\"web\"}}}", 400,
            "cannot bind token to object of type v1, Kind=ConfigMap", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesAsKubernetesDoes(Refusal c) {
    assertThatThrownBy(() -> fixture.tokenRequests().create("team", c.account(), body(c.body())))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(c.code());
          assertThat(e.status().getMessage()).isEqualTo(c.message());
          if (!c.field().isEmpty()) {
            assertThat(e.status().getDetails().getCauses().getFirst().getField())
                .isEqualTo(c.field());
          }
        });
  }

  private static ObjectNode body(String json) {
    return (ObjectNode) Json.MAPPER.readTree(json);
  }

  static JsonNode decode(String part) {
    return Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(part),
        StandardCharsets.UTF_8));
  }
}

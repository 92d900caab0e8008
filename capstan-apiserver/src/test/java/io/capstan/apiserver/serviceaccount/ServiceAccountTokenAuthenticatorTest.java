package io.capstan.apiserver.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.auth.CredentialRejectedException;
import io.capstan.apiserver.auth.Credentials;
import io.capstan.apiserver.auth.UserInfo;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.registry.DeleteOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class ServiceAccountTokenAuthenticatorTest {

  @TempDir
  Path tlsDir;
  @TempDir
  Path otherTlsDir;
  RegistryFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new RegistryFixture(tlsDir);
    fixture.createNamespace("team");
    fixture.createServiceAccount("team", "builder");
    fixture.createPod("team", "web", "builder");
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  enum Outcome { ACCEPTED, NOT_OURS, REJECTED }

  /** Prepares the cluster and returns the Authorization header to present. */
  interface Scenario {
    String prepare(ServiceAccountTokenAuthenticatorTest test) throws Exception;
  }

  record Case(String name, Scenario scenario, Outcome outcome) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a token for the account", t -> bearer(t.token(false, "")), Outcome.ACCEPTED),
        new Case("a token bound to a running pod", t -> bearer(t.token(true, "")),
            Outcome.ACCEPTED),
        new Case("a token still inside the minute of leeway", t -> {
          String token = t.token(false, "");
          t.fixture.clock.advance(Duration.ofSeconds(3600 + 59));
          return bearer(token);
        }, Outcome.ACCEPTED),
        new Case("an opaque bearer token", t -> "Bearer static-admin-token", Outcome.NOT_OURS),
        new Case("basic credentials", t -> "Basic YWRtaW46YWRtaW4=", Outcome.NOT_OURS),
        new Case("a JWT of another issuer", t -> bearer(t.resigned(c -> c.put("iss",
            "https://issuer.example"))), Outcome.NOT_OURS),
        new Case("a tampered subject", t -> {
          String[] parts = t.token(false, "").split("\\.");
          ObjectNode claims = (ObjectNode) TokenRequestsTest.decode(parts[1]);
          claims.put("sub", "system:serviceaccount:kube-system:admin");
          return bearer(parts[0] + "." + encode(claims.toString()) + "." + parts[2]);
        }, Outcome.REJECTED),
        new Case("signed by another key", t -> {
          String[] parts = t.token(false, "").split("\\.");
          SignedTokens other = new SignedTokens(ServiceAccountKeys.loadOrCreate(t.otherTlsDir));
          return bearer(other.sign((ObjectNode) TokenRequestsTest.decode(parts[1])));
        }, Outcome.REJECTED),
        new Case("alg none", t -> {
          String[] parts = t.token(false, "").split("\\.");
          return bearer(encode("{\"alg\":\"none\"}") + "." + parts[1] + ".");
        }, Outcome.REJECTED),
        new Case("expired", t -> {
          String token = t.token(false, "");
          t.fixture.clock.advance(Duration.ofSeconds(3600 + 61));
          return bearer(token);
        }, Outcome.REJECTED),
        new Case("not valid yet", t -> bearer(t.resigned(c -> c.put("nbf",
            c.path("nbf").asLong() + 120))), Outcome.REJECTED),
        new Case("for another audience", t -> bearer(t.token(false, "vault")),
            Outcome.REJECTED),
        new Case("its account deleted", t -> {
          String token = t.token(false, "");
          t.delete("ServiceAccount", "builder");
          return bearer(token);
        }, Outcome.REJECTED),
        new Case("its account recreated with a new uid", t -> {
          String token = t.token(false, "");
          t.delete("ServiceAccount", "builder");
          t.fixture.createServiceAccount("team", "builder");
          return bearer(token);
        }, Outcome.REJECTED),
        new Case("its pod deleted", t -> {
          String token = t.token(true, "");
          t.delete("Pod", "web");
          return bearer(token);
        }, Outcome.REJECTED),
        new Case("its pod recreated with a new uid", t -> {
          String token = t.token(true, "");
          t.delete("Pod", "web");
          t.fixture.createPod("team", "web", "builder");
          return bearer(token);
        }, Outcome.REJECTED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void authenticates(Case c) throws Exception {
    Credentials credentials = new Credentials(Optional.of(c.scenario().prepare(this)),
        java.util.List.of());
    var authenticator = fixture.accounts.authenticator();
    switch (c.outcome()) {
      case ACCEPTED -> assertThat(authenticator.authenticate(credentials))
          .contains(UserInfo.serviceAccount("team", "builder"));
      case NOT_OURS -> assertThat(authenticator.authenticate(credentials)).isEmpty();
      case REJECTED -> assertThatThrownBy(() -> authenticator.authenticate(credentials))
          .isInstanceOf(CredentialRejectedException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(
              credentials.authorization().orElseThrow().substring(7)));
    }
  }

  private String token(boolean boundToPod, String audience) {
    ObjectNode spec = Json.object();
    if (!audience.isEmpty()) {
      spec.putArray("audiences").add(audience);
    }
    if (boundToPod) {
      ObjectNode ref = spec.putObject("boundObjectRef");
      ref.put("kind", "Pod");
      ref.put("apiVersion", "v1");
      ref.put("name", "web");
    }
    ObjectNode body = Json.object();
    body.set("spec", spec);
    return fixture.tokenRequests().create("team", "builder", body).tokenRequest()
        .path("status").path("token").asString();
  }

  /** A valid token's claims, changed, then signed again with the server's own key. */
  private String resigned(java.util.function.Consumer<ObjectNode> change) {
    ObjectNode claims = (ObjectNode) TokenRequestsTest.decode(token(false, "").split("\\.")[1]);
    change.accept(claims);
    return new SignedTokens(ServiceAccountKeys.loadOrCreate(tlsDir)).sign(claims);
  }

  private void delete(String kind, String name) {
    fixture.registry(kind).delete("team", name, new DeleteOptions(Optional.of(0L),
        Optional.empty(), Optional.empty(), Optional.empty(), false));
    fixture.awaitGone(kind, "team", name);
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}

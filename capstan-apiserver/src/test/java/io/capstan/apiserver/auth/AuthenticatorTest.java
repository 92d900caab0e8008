package io.capstan.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.apiserver.tls.CertificateAuthority;
import io.capstan.apiserver.tls.ClientCertificateVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuthenticatorTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  static final String ADMIN_TOKEN = "K10admin-secret-0123456789";
  static final String NODE_TOKEN = "node-n1-secret-abcdef";
  static final String SA_TOKEN = "sa-default-builder-xyz";

  @TempDir
  Path dir;

  record Fixture(CertificateAuthority ours, CertificateAuthority other) {
  }

  enum Outcome { USER, ANONYMOUS, REJECTED }

  record Case(String name, Function<Fixture, Credentials> credentials, Duration verifiedAfter,
      Outcome outcome, Optional<UserInfo> user) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case user(String name, Function<Fixture, Credentials> credentials, UserInfo user) {
    return new Case(name, credentials, Duration.ZERO, Outcome.USER, Optional.of(user));
  }

  static Case rejected(String name, Function<Fixture, Credentials> credentials, Duration after) {
    return new Case(name, credentials, after, Outcome.REJECTED, Optional.empty());
  }

  static Case anonymous(String name, Function<Fixture, Credentials> credentials) {
    return new Case(name, credentials, Duration.ZERO, Outcome.ANONYMOUS, Optional.empty());
  }

  static Credentials cert(CertificateAuthority ca, String user, List<String> groups) {
    return Credentials.certificates(List.of(ca.issueClient(user, groups).certificate()));
  }

  static Credentials header(String value) {
    return new Credentials(Optional.of(value), List.of());
  }

  static Stream<Case> cases() {
    return Stream.of(
        user("admin token", f -> Credentials.bearer(ADMIN_TOKEN),
            new UserInfo("admin", List.of("system:masters", "system:authenticated"))),
        user("scheme is case-insensitive", f -> header("bearer " + ADMIN_TOKEN),
            new UserInfo("admin", List.of("system:masters", "system:authenticated"))),
        user("node token", f -> Credentials.bearer(NODE_TOKEN),
            new UserInfo("system:node:n1", List.of("system:nodes", "system:authenticated"))),
        user("service account token", f -> Credentials.bearer(SA_TOKEN),
            new UserInfo("system:serviceaccount:default:builder", List.of(
                "system:serviceaccounts", "system:serviceaccounts:default",
                "system:authenticated"))),
        user("certificate from our CA", f -> cert(f.ours(), "system:node:n2",
                List.of("system:nodes")),
            new UserInfo("system:node:n2", List.of("system:nodes", "system:authenticated"))),
        user("good token beside a foreign certificate",
            f -> new Credentials(Optional.of("Bearer " + ADMIN_TOKEN),
                List.of(f.other().issueClient("x", List.of()).certificate())),
            new UserInfo("admin", List.of("system:masters", "system:authenticated"))),
        rejected("wrong token", f -> Credentials.bearer("guess"), Duration.ZERO),
        rejected("admin token with a suffix", f -> Credentials.bearer(ADMIN_TOKEN + "x"),
            Duration.ZERO),
        rejected("admin token prefix", f -> Credentials.bearer(ADMIN_TOKEN.substring(0, 10)),
            Duration.ZERO),
        rejected("certificate from another CA",
            f -> cert(f.other(), "admin", List.of("system:masters")), Duration.ZERO),
        rejected("expired certificate", f -> cert(f.ours(), "admin", List.of("system:masters")),
            Duration.ofDays(366)),
        rejected("wrong token beside a foreign certificate",
            f -> new Credentials(Optional.of("Bearer nope"),
                List.of(f.other().issueClient("x", List.of()).certificate())), Duration.ZERO),
        anonymous("no credentials", f -> Credentials.none()),
        anonymous("basic auth is not ours", f -> header("Basic YWRtaW46YWRtaW4=")),
        anonymous("bearer without a token", f -> header("Bearer   ")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void authenticates(Case c) {
    Fixture fixture = new Fixture(
        CertificateAuthority.loadOrCreate(dir.resolve("ours"), CLOCK),
        CertificateAuthority.loadOrCreate(dir.resolve("other"), CLOCK));
    Authenticator authenticator = new UnionAuthenticator(List.of(
        new CertificateAuthenticator(new ClientCertificateVerifier(fixture.ours().certificate(),
            Clock.offset(CLOCK, c.verifiedAfter()))),
        TokenAuthenticator.builder()
            .admin(ADMIN_TOKEN)
            .node("n1", NODE_TOKEN)
            .serviceAccount("default", "builder", SA_TOKEN)
            .build()));
    Credentials credentials = c.credentials().apply(fixture);

    if (c.outcome() == Outcome.REJECTED) {
      assertThatThrownBy(() -> authenticator.authenticate(credentials))
          .isInstanceOf(CredentialRejectedException.class);
    } else {
      assertThat(authenticator.authenticate(credentials)).isEqualTo(c.user());
    }
  }

  @Test
  void rejectionNeverRevealsTheToken() {
    var tokens = TokenAuthenticator.builder().admin(ADMIN_TOKEN).build();

    assertThatThrownBy(() -> tokens.authenticate(Credentials.bearer("secret-guess-42")))
        .isInstanceOf(CredentialRejectedException.class)
        .hasMessageNotContaining("secret-guess-42")
        .hasMessageNotContaining(ADMIN_TOKEN);
  }

  @Test
  void oneTokenCannotNameTwoUsers() {
    assertThatThrownBy(() -> TokenAuthenticator.builder().admin("t").node("n1", "t"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void certificateAuthenticatorIgnoresRequestsWithoutCertificates() {
    var ca = CertificateAuthority.loadOrCreate(dir.resolve("ca"), CLOCK);
    var certificates = new CertificateAuthenticator(
        new ClientCertificateVerifier(ca.certificate(), CLOCK));

    assertThat(certificates.authenticate(Credentials.bearer(ADMIN_TOKEN))).isEmpty();
  }
}

package io.capstan.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClientCertificateVerifierTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @TempDir
  Path dir;

  /** Our CA, a stranger's CA with the very same name (same creation second), and another. */
  record Fixture(CertificateAuthority ours, CertificateAuthority sameName,
      CertificateAuthority other) {
  }

  record Case(String name, Function<Fixture, List<X509Certificate>> chain, Duration verifiedAfter,
      Optional<ClientIdentity> identity, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case accepted(String name, Function<Fixture, List<X509Certificate>> chain,
      Duration after, ClientIdentity identity) {
    return new Case(name, chain, after, Optional.of(identity), "");
  }

  static Case rejected(String name, Function<Fixture, List<X509Certificate>> chain,
      Duration after, String reason) {
    return new Case(name, chain, after, Optional.empty(), reason);
  }

  static List<X509Certificate> client(CertificateAuthority ca, String user, List<String> groups) {
    return List.of(ca.issueClient(user, groups).certificate());
  }

  static Stream<Case> cases() {
    return Stream.of(
        accepted("admin from our CA", f -> client(f.ours(), "admin", List.of("system:masters")),
            Duration.ZERO, new ClientIdentity("admin", List.of("system:masters"))),
        accepted("node with two groups, CA appended",
            f -> List.of(f.ours().issueClient("system:node:n1", List.of("system:nodes", "a,b"))
                .certificate(), f.ours().certificate()),
            Duration.ofDays(100),
            new ClientIdentity("system:node:n1", List.of("system:nodes", "a,b"))),
        accepted("no groups", f -> client(f.ours(), "bob", List.of()), Duration.ofDays(364),
            new ClientIdentity("bob", List.of())),
        rejected("another CA with the same name",
            f -> client(f.sameName(), "admin", List.of("system:masters")), Duration.ZERO,
            "is not signed by our CA"),
        rejected("another CA", f -> client(f.other(), "admin", List.of()), Duration.ZERO,
            "not by our CA"),
        rejected("expired", f -> client(f.ours(), "admin", List.of()), Duration.ofDays(366),
            "has expired"),
        rejected("not yet valid", f -> client(f.ours(), "admin", List.of()), Duration.ofHours(-2),
            "is not valid yet"),
        rejected("serving certificate",
            f -> List.of(f.ours().issueServing(SubjectAltNames.parse(List.of("localhost")))
                .certificate()),
            Duration.ZERO, "no clientAuth"),
        rejected("the CA certificate itself", f -> List.of(f.ours().certificate()), Duration.ZERO,
            "no clientAuth"),
        rejected("no certificate", f -> List.of(), Duration.ZERO, "no client certificate"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verifiesClientCertificates(Case c) {
    Fixture fixture = new Fixture(
        CertificateAuthority.loadOrCreate(dir.resolve("ours"), CLOCK),
        CertificateAuthority.loadOrCreate(dir.resolve("same-name"), CLOCK),
        CertificateAuthority.loadOrCreate(dir.resolve("other"),
            Clock.offset(CLOCK, Duration.ofSeconds(-5))));
    List<X509Certificate> chain = c.chain().apply(fixture);
    var verifier = new ClientCertificateVerifier(fixture.ours().certificate(),
        Clock.offset(CLOCK, c.verifiedAfter()));

    ClientVerification result = verifier.verify(chain);

    assertThat(result.identity()).isEqualTo(c.identity());
    if (result instanceof ClientVerification.Rejected rejected) {
      assertThat(rejected.reason()).contains(c.reason());
    }
  }
}

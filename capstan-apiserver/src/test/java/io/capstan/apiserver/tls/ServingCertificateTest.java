package io.capstan.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServingCertificateTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final List<String> FIRST_SANS = List.of("localhost", "capstan.example.com", "127.0.0.1",
      "::1", "10.0.0.7");

  @TempDir
  Path tls;

  record Case(String name, Duration later, List<String> wanted, ServingCertificate.Origin origin,
      String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("same names next day", Duration.ofDays(1), FIRST_SANS,
            ServingCertificate.Origin.REUSED, "still valid"),
        new Case("fewer names", Duration.ofDays(1), List.of("localhost", "0:0:0:0:0:0:0:1"),
            ServingCertificate.Origin.REUSED, "still valid"),
        new Case("names differ only in case", Duration.ZERO, List.of("LocalHost"),
            ServingCertificate.Origin.REUSED, "still valid"),
        new Case("31 days before expiry", Duration.ofDays(334), FIRST_SANS,
            ServingCertificate.Origin.REUSED, "still valid"),
        new Case("29 days before expiry", Duration.ofDays(336), FIRST_SANS,
            ServingCertificate.Origin.ISSUED, "expires at 2027-03-01T10:00:00Z"),
        new Case("expired", Duration.ofDays(400), FIRST_SANS,
            ServingCertificate.Origin.ISSUED, "expires at"),
        new Case("before it begins", Duration.ofHours(-2), FIRST_SANS,
            ServingCertificate.Origin.ISSUED, "not valid yet"),
        new Case("a DNS name missing", Duration.ofDays(1), List.of("localhost", "other.example"),
            ServingCertificate.Origin.ISSUED, "does not name [other.example]"),
        new Case("an IP address missing", Duration.ofDays(1), List.of("127.0.0.1", "10.0.0.8"),
            ServingCertificate.Origin.ISSUED, "does not name [10.0.0.8]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reusesOrReissues(Case c) throws Exception {
    Clock start = Clock.fixed(T0, ZoneOffset.UTC);
    CertificateAuthority ca = CertificateAuthority.loadOrCreate(tls, start);
    ServingCertificate first =
        ServingCertificate.loadOrIssue(tls, ca, SubjectAltNames.parse(FIRST_SANS), start);
    String firstPem = Files.readString(tls.resolve("serving.crt"));
    String firstKey = Files.readString(tls.resolve("serving.key"));

    Clock later = Clock.offset(start, c.later());
    CertificateAuthority reloaded = CertificateAuthority.loadOrCreate(tls, later);
    SubjectAltNames wanted = SubjectAltNames.parse(c.wanted());
    ServingCertificate second = ServingCertificate.loadOrIssue(tls, reloaded, wanted, later);

    assertThat(second.origin()).isEqualTo(c.origin());
    assertThat(second.reason()).contains(c.reason());
    assertThat(reloaded.certificatePem()).isEqualTo(ca.certificatePem());
    String storedPem = Files.readString(tls.resolve("serving.crt"));
    assertThat(storedPem).isEqualTo(second.issued().certificatePem());
    assertThat(Files.readString(tls.resolve("serving.key")))
        .isEqualTo(second.issued().privateKeyPem());
    if (c.origin() == ServingCertificate.Origin.REUSED) {
      assertThat(storedPem).isEqualTo(firstPem);
      assertThat(second.issued().privateKeyPem()).isEqualTo(firstKey);
    } else {
      assertThat(storedPem).isNotEqualTo(firstPem);
      assertThat(second.issued().privateKey()).isNotEqualTo(first.issued().privateKey());
      second.issued().certificate().verify(ca.certificate().getPublicKey());
      assertThat(ServingCertificate.subjectAltNames(second.issued().certificate()).covers(wanted))
          .isTrue();
      assertThat(ServingCertificate.loadOrIssue(tls, reloaded, wanted, later).origin())
          .as("the new certificate is reused next time")
          .isEqualTo(ServingCertificate.Origin.REUSED);
    }
  }

  @Test
  void certificateOfAnotherCaIsReissuedByTheCurrentOne() throws Exception {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    SubjectAltNames sans = SubjectAltNames.parse(List.of("localhost"));
    CertificateAuthority old = CertificateAuthority.loadOrCreate(tls.resolve("old"), clock);
    ServingCertificate.loadOrIssue(tls, old, sans, clock);
    CertificateAuthority current = CertificateAuthority.loadOrCreate(tls.resolve("new"), clock);

    ServingCertificate serving = ServingCertificate.loadOrIssue(tls, current, sans, clock);

    assertThat(serving.origin()).isEqualTo(ServingCertificate.Origin.ISSUED);
    assertThat(serving.reason()).contains("not signed by the current CA");
    serving.issued().certificate().verify(current.certificate().getPublicKey());
  }

  @Test
  void mismatchedOrDamagedFilesAreReissued() throws Exception {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    SubjectAltNames sans = SubjectAltNames.parse(List.of("localhost"));
    CertificateAuthority ca = CertificateAuthority.loadOrCreate(tls, clock);
    ServingCertificate.loadOrIssue(tls, ca, sans, clock);
    Files.writeString(tls.resolve("serving.key"), ca.issueClient("x", List.of()).privateKeyPem());

    ServingCertificate mismatched = ServingCertificate.loadOrIssue(tls, ca, sans, clock);
    Files.writeString(tls.resolve("serving.crt"), "-----BEGIN CERTIFICATE-----\ngarbage\n");
    ServingCertificate damaged = ServingCertificate.loadOrIssue(tls, ca, sans, clock);

    assertThat(mismatched.origin()).isEqualTo(ServingCertificate.Origin.ISSUED);
    assertThat(mismatched.reason()).contains("key does not match");
    assertThat(damaged.origin()).isEqualTo(ServingCertificate.Origin.ISSUED);
    assertThat(damaged.reason()).contains("no readable serving certificate");
  }
}

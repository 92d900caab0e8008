package io.capstan.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  @TempDir
  Path data;

  @Test
  void firstStartCreatesCaAndServingCertificateWithPrivateKeys() throws Exception {
    Path tls = data.resolve("tls");
    CertificateAuthority ca = CertificateAuthority.loadOrCreate(tls, CLOCK);
    ServingCertificate serving = ServingCertificate.loadOrIssue(tls, ca,
        SubjectAltNames.parse(List.of("localhost", "127.0.0.1")), CLOCK);

    assertThat(serving.origin()).isEqualTo(ServingCertificate.Origin.ISSUED);
    assertThat(modes(tls)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "ca.crt", "rw-r--r--", "ca.key", "rw-------",
        "serving.crt", "rw-r--r--", "serving.key", "rw-------"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls)))
        .isEqualTo("rwx------");
    IssuedCertificate storedCa = IssuedCertificate.parse(Files.readString(tls.resolve("ca.crt")),
        Files.readString(tls.resolve("ca.key")));
    IssuedCertificate storedServing = IssuedCertificate.parse(
        Files.readString(tls.resolve("serving.crt")), Files.readString(tls.resolve("serving.key")));
    assertThat(Keys.matches(storedCa.certificate(), storedCa.privateKey())).isTrue();
    assertThat(Keys.matches(storedServing.certificate(), storedServing.privateKey())).isTrue();
    assertThat(Files.readString(tls.resolve("ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");

    X509Certificate caCert = ca.certificate();
    assertThat(caCert.getSubjectX500Principal().getName())
        .isEqualTo("CN=capstan-ca@" + T0.getEpochSecond());
    assertThat(caCert.getIssuerX500Principal()).isEqualTo(caCert.getSubjectX500Principal());
    assertThat(caCert.getBasicConstraints()).isNotNegative();
    assertThat(caCert.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(caCert.getKeyUsage()[6]).as("cRLSign").isTrue();
    assertThat(Duration.between(caCert.getNotBefore().toInstant(),
        caCert.getNotAfter().toInstant())).isEqualTo(Duration.ofDays(3650));
    caCert.verify(caCert.getPublicKey());

    X509Certificate servingCert = serving.issued().certificate();
    servingCert.verify(caCert.getPublicKey());
    assertThat(servingCert.getBasicConstraints()).isEqualTo(-1);
    assertThat(servingCert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(servingCert.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(365)));
  }

  @Test
  void secondStartReusesCaAndServingCertificateByteForByte() throws Exception {
    Path tls = data.resolve("tls");
    SubjectAltNames sans = SubjectAltNames.parse(List.of("localhost", "::1"));
    CertificateAuthority first = CertificateAuthority.loadOrCreate(tls, CLOCK);
    ServingCertificate.loadOrIssue(tls, first, sans, CLOCK);
    Map<String, byte[]> before = contents(tls);

    Clock dayLater = Clock.offset(CLOCK, Duration.ofDays(1));
    CertificateAuthority second = CertificateAuthority.loadOrCreate(tls, dayLater);
    ServingCertificate serving = ServingCertificate.loadOrIssue(tls, second, sans, dayLater);

    assertThat(serving.origin()).isEqualTo(ServingCertificate.Origin.REUSED);
    assertThat(second.certificate()).isEqualTo(first.certificate());
    assertThat(second.certificatePem()).isEqualTo(first.certificatePem());
    assertThat(contents(tls)).containsOnlyKeys(before.keySet());
    before.forEach((name, bytes) -> assertThat(contents(tls).get(name)).as(name).isEqualTo(bytes));
  }

  @Test
  void certificateWithoutItsKeyIsAnErrorNotANewCa() throws Exception {
    Path tls = data.resolve("tls");
    CertificateAuthority.loadOrCreate(tls, CLOCK);
    Files.delete(tls.resolve("ca.key"));

    assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(tls, CLOCK))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no key");
  }

  @Test
  void keyWithoutCertificateIsALeftoverAndIsReplaced() throws Exception {
    Path tls = data.resolve("tls");
    CertificateAuthority.loadOrCreate(tls, CLOCK);
    String oldKey = Files.readString(tls.resolve("ca.key"));
    Files.delete(tls.resolve("ca.crt"));

    CertificateAuthority ca = CertificateAuthority.loadOrCreate(tls, CLOCK);

    assertThat(Files.readString(tls.resolve("ca.key"))).isNotEqualTo(oldKey);
    assertThat(Keys.matches(ca.certificate(),
        Pem.decodePrivateKey(Files.readString(tls.resolve("ca.key"))))).isTrue();
  }

  @Test
  void keyOfAnotherCertificateIsRefused() throws Exception {
    Path tls = data.resolve("tls");
    CertificateAuthority.loadOrCreate(tls, CLOCK);
    CertificateAuthority.loadOrCreate(data.resolve("other"), CLOCK);
    Files.copy(data.resolve("other/ca.key"), tls.resolve("ca.key"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> CertificateAuthority.loadOrCreate(tls, CLOCK))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not the key of");
  }

  @Test
  void certificateAuthorityDataIsTheBase64OfThePem() {
    CertificateAuthority ca = CertificateAuthority.loadOrCreate(data, CLOCK);

    String pem = new String(Base64.getDecoder().decode(ca.certificateAuthorityData()));

    assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(Pem.decodeCertificates(pem)).containsExactly(ca.certificate());
  }

  @Test
  void clientCertificateCarriesUserAndGroupsAndClientAuth() throws Exception {
    CertificateAuthority ca = CertificateAuthority.loadOrCreate(data, CLOCK);

    IssuedCertificate client = ca.issueClient("system:admin", List.of("system:masters", "a,b"));

    X509Certificate certificate = client.certificate();
    certificate.verify(ca.certificate().getPublicKey());
    assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(certificate.getSubjectAlternativeNames()).isNull();
    assertThat(Keys.matches(certificate, client.privateKey())).isTrue();
    assertThat(client.toString()).doesNotContain("PRIVATE");
  }

  @Test
  void issuedCertificatesEndNoLaterThanTheCaAndAnExpiredCaIssuesNothing() throws Exception {
    CertificateAuthority.loadOrCreate(data, CLOCK);
    Clock nearCaExpiry = Clock.offset(CLOCK, Duration.ofDays(3650 - 10));
    Clock afterCaExpiry = Clock.offset(CLOCK, Duration.ofDays(3650 + 1));

    IssuedCertificate late = CertificateAuthority.loadOrCreate(data, nearCaExpiry)
        .issueClient("admin", List.of());
    CertificateAuthority expired = CertificateAuthority.loadOrCreate(data, afterCaExpiry);

    assertThat(late.certificate().getNotAfter().toInstant())
        .isEqualTo(T0.plus(Duration.ofDays(3650)));
    assertThatThrownBy(() -> expired.issueClient("admin", List.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("expired");
  }

  static Map<String, String> modes(Path dir) throws Exception {
    Map<String, String> modes = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        modes.put(file.getFileName().toString(),
            PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      }
    }
    return modes;
  }

  static Map<String, byte[]> contents(Path dir) {
    Map<String, byte[]> contents = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        contents.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return contents;
  }
}

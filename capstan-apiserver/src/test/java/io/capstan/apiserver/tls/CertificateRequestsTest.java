package io.capstan.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateRequestsTest {

  @Test
  void aRequestCarriesUserGroupsAndKey() {
    KeyPair keys = CertificateRequests.newKeyPair();
    String pem = CertificateRequests.create(keys, "system:node:a", List.of("system:nodes"));

    CertificateRequests.Request request = CertificateRequests.parse(pem);

    assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
    assertThat(request.user()).isEqualTo("system:node:a");
    assertThat(request.groups()).containsExactly("system:nodes");
    assertThat(request.publicKey()).isEqualTo(keys.getPublic());
  }

  @Test
  void aSignedRequestBecomesAClientCertificateForTheRequestersKey(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, java.time.Clock.systemUTC());
    KeyPair keys = CertificateRequests.newKeyPair();
    CertificateRequests.Request request = CertificateRequests.parse(
        CertificateRequests.create(keys, "system:node:a", List.of("system:nodes")));

    var certificate = ca.signClient(request.publicKey(), request.user(), request.groups(),
        java.time.Duration.ofDays(1));

    var verdict = new ClientCertificateVerifier(ca.certificate(), java.time.Clock.systemUTC())
        .verify(List.of(certificate));
    assertThat(verdict).isEqualTo(new ClientVerification.Verified(
        new ClientIdentity("system:node:a", List.of("system:nodes"))));
    assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
  }

  @Test
  void aTamperedRequestIsRefused() {
    String pem = CertificateRequests.create(CertificateRequests.newKeyPair(), "system:node:a",
        List.of("system:nodes"));
    String body = pem.replace("-----BEGIN CERTIFICATE REQUEST-----\n", "")
        .replace("-----END CERTIFICATE REQUEST-----\n", "").replace("\n", "");
    byte[] der = java.util.Base64.getDecoder().decode(body);
    der[der.length - 5] ^= 0x01;
    String tampered = "-----BEGIN CERTIFICATE REQUEST-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END CERTIFICATE REQUEST-----\n";

    assertThatThrownBy(() -> CertificateRequests.parse(tampered))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void textThatIsNotARequestIsRefused() {
    assertThatThrownBy(() -> CertificateRequests.parse("hello"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a PEM certificate signing request");
  }
}

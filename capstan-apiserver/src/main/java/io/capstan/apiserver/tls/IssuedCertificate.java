package io.capstan.apiserver.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A certificate together with its private key, and both as the PEM text they are stored and
 * handed out as (Vert.x {@code PemKeyCertOptions}, a kubeconfig's {@code client-certificate-data}).
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey,
    String certificatePem, String privateKeyPem) {

  public IssuedCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificatePem, "certificatePem");
    Objects.requireNonNull(privateKeyPem, "privateKeyPem");
  }

  /** Wraps a freshly made certificate and key, encoding both as PEM. */
  public static IssuedCertificate of(X509Certificate certificate, PrivateKey privateKey) {
    return new IssuedCertificate(certificate, privateKey, Pem.encodeCertificate(certificate),
        Pem.encodePrivateKey(privateKey));
  }

  /** Parses stored PEM text, keeping the text exactly as read. */
  public static IssuedCertificate parse(String certificatePem, String privateKeyPem) {
    var certificates = Pem.decodeCertificates(certificatePem);
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("no certificate in the PEM text");
    }
    return new IssuedCertificate(certificates.getFirst(), Pem.decodePrivateKey(privateKeyPem),
        certificatePem, privateKeyPem);
  }

  @Override
  public String toString() {
    // The key stays out of logs and exception messages.
    return "IssuedCertificate[" + certificate.getSubjectX500Principal() + ", expires "
        + certificate.getNotAfter().toInstant() + "]";
  }
}

package io.capstan.apiserver.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The cluster's certificate authority: a self-signed ECDSA P-256 certificate named {@code
 * capstan-ca@<epoch seconds>} (as k3s names its CAs), valid ten years, kept as {@code ca.crt} and
 * {@code ca.key} in the TLS directory. It is made once and then only loaded: every kubeconfig
 * and node trusts it, so replacing it would lock them all out.
 *
 * <p>The key is written before the certificate, and the certificate is what marks the CA as made:
 * a crash between the two leaves a key no one trusts yet, and the next start simply makes a new
 * pair. A certificate whose key is gone, though, is an error, never silently replaced.
 */
public final class CertificateAuthority {

  public static final String CERTIFICATE_FILE = "ca.crt";
  public static final String KEY_FILE = "ca.key";
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  /** Issued certificates start an hour early so a node whose clock lags still accepts them. */
  static final Duration BACKDATE = Duration.ofHours(1);

  private final IssuedCertificate ca;
  private final Clock clock;
  private final SecureRandom random;

  private CertificateAuthority(IssuedCertificate ca, Clock clock, SecureRandom random) {
    this.ca = ca;
    this.clock = clock;
    this.random = random;
  }

  /** Loads the CA kept in {@code tlsDir}, making it first if there is none. */
  public static CertificateAuthority loadOrCreate(Path tlsDir, Clock clock) {
    return loadOrCreate(tlsDir, clock, new SecureRandom());
  }

  /** As {@link #loadOrCreate(Path, Clock)}, with the randomness for keys and serials given. */
  public static CertificateAuthority loadOrCreate(Path tlsDir, Clock clock, SecureRandom random) {
    Path certFile = tlsDir.resolve(CERTIFICATE_FILE);
    Path keyFile = tlsDir.resolve(KEY_FILE);
    if (Files.exists(certFile)) {
      if (!Files.exists(keyFile)) {
        throw new IllegalStateException("the CA certificate " + certFile + " has no key beside it ("
            + keyFile + "); restore the key, or remove both to make a new CA that no existing"
            + " kubeconfig or node will trust");
      }
      return new CertificateAuthority(load(certFile, keyFile), clock, random);
    }
    return new CertificateAuthority(create(certFile, keyFile, clock, random), clock, random);
  }

  /** The CA certificate. */
  public X509Certificate certificate() {
    return ca.certificate();
  }

  /** The CA certificate as PEM, exactly as stored in {@code ca.crt}. */
  public String certificatePem() {
    return ca.certificatePem();
  }

  /** The value of a kubeconfig cluster's {@code certificate-authority-data}: base64 of the PEM. */
  public String certificateAuthorityData() {
    byte[] pem = ca.certificatePem().getBytes(StandardCharsets.US_ASCII);
    return Base64.getEncoder().encodeToString(pem);
  }

  /** A serving certificate (serverAuth) for {@code sans}, with a fresh key, valid one year. */
  public IssuedCertificate issueServing(SubjectAltNames sans) {
    return issueServing(sans, Duration.ofDays(365));
  }

  /** A serving certificate (serverAuth) for {@code sans}, with a fresh key. */
  public IssuedCertificate issueServing(SubjectAltNames sans, Duration validity) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "capstan").addRDN(BCStyle.CN, "capstan").build();
    return issue(subject, KeyPurposeId.id_kp_serverAuth, sans, validity);
  }

  /** A client certificate (clientAuth) with CN {@code user} and one O per group, valid one year. */
  public IssuedCertificate issueClient(String user, List<String> groups) {
    return issueClient(user, groups, Duration.ofDays(365));
  }

  /** A client certificate (clientAuth) with CN {@code user} and one O per group. */
  public IssuedCertificate issueClient(String user, List<String> groups, Duration validity) {
    if (user.isBlank()) {
      throw new IllegalArgumentException("a client certificate needs a user name");
    }
    KeyPair keys = Keys.generate(random);
    X509Certificate certificate = signClient(keys.getPublic(), user, groups, validity);
    return IssuedCertificate.of(certificate, keys.getPrivate());
  }

  /**
   * A client certificate for a key someone else holds, as when a node joins with a certificate
   * signing request: the private key never leaves the node.
   */
  public X509Certificate signClient(PublicKey key, String user, List<String> groups,
      Duration validity) {
    if (user.isBlank()) {
      throw new IllegalArgumentException("a client certificate needs a user name");
    }
    return sign(CertificateRequests.subject(user, groups), key, KeyPurposeId.id_kp_clientAuth,
        SubjectAltNames.NONE, validity);
  }

  private IssuedCertificate issue(X500Name subject, KeyPurposeId purpose, SubjectAltNames sans,
      Duration validity) {
    KeyPair keys = Keys.generate(random);
    return IssuedCertificate.of(sign(subject, keys.getPublic(), purpose, sans, validity),
        keys.getPrivate());
  }

  private X509Certificate sign(X500Name subject, PublicKey key, KeyPurposeId purpose,
      SubjectAltNames sans, Duration validity) {
    Instant now = clock.instant();
    Instant notAfter = now.plus(validity);
    Instant caExpiry = ca.certificate().getNotAfter().toInstant();
    if (!caExpiry.isAfter(now)) {
      throw new IllegalStateException("the CA " + ca.certificate().getSubjectX500Principal()
          + " expired at " + caExpiry + "; no certificate it issues would be trusted");
    }
    if (notAfter.isAfter(caExpiry)) {
      notAfter = caExpiry;
    }
    return CertificateTemplates.leaf(ca.certificate(), ca.privateKey(), subject, key, purpose,
        sans, now.minus(BACKDATE), notAfter, random);
  }

  private static IssuedCertificate load(Path certFile, Path keyFile) {
    IssuedCertificate loaded;
    try {
      loaded = IssuedCertificate.parse(Files.readString(certFile), Files.readString(keyFile));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CA from " + certFile.getParent(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the CA in " + certFile.getParent() + " is unreadable: "
          + e.getMessage(), e);
    }
    if (!Keys.matches(loaded.certificate(), loaded.privateKey())) {
      throw new IllegalStateException(keyFile + " is not the key of " + certFile);
    }
    return loaded;
  }

  private static IssuedCertificate create(Path certFile, Path keyFile, Clock clock,
      SecureRandom random) {
    Instant now = clock.instant();
    KeyPair keys = Keys.generate(random);
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.CN, "capstan-ca@" + now.getEpochSecond()).build();
    X509Certificate certificate = CertificateTemplates.selfSignedCa(subject, keys, now,
        now.plus(CA_VALIDITY), random);
    IssuedCertificate made = IssuedCertificate.of(certificate, keys.getPrivate());
    SecureFiles.writePrivate(keyFile, made.privateKeyPem());
    SecureFiles.writePublic(certFile, made.certificatePem());
    return made;
  }

  @Override
  public String toString() {
    return "CertificateAuthority[" + ca.certificate().getSubjectX500Principal() + "]";
  }
}

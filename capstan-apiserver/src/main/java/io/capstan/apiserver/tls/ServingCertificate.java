package io.capstan.apiserver.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTPS listener's certificate, kept as {@code serving.crt} and {@code serving.key} in the TLS
 * directory. {@link #loadOrIssue} reuses the stored pair, byte for byte, while it is signed by the
 * current CA, has begun, is more than {@link #RENEW_BEFORE} from expiry, and names every wanted
 * address; otherwise it has the CA issue a new pair and stores it. Calling it again later (say
 * daily) is how a long-running server renews before expiry.
 */
public final class ServingCertificate {

  public static final String CERTIFICATE_FILE = "serving.crt";
  public static final String KEY_FILE = "serving.key";
  public static final Duration RENEW_BEFORE = Duration.ofDays(30);
  /** GeneralName tags, as {@link X509Certificate#getSubjectAlternativeNames} reports them. */
  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  /** Whether the pair came from disk or was just issued, and why. */
  public enum Origin { REUSED, ISSUED }

  private final IssuedCertificate issued;
  private final Origin origin;
  private final String reason;

  private ServingCertificate(IssuedCertificate issued, Origin origin, String reason) {
    this.issued = issued;
    this.origin = origin;
    this.reason = reason;
  }

  /** The stored serving pair in {@code tlsDir} if still good for {@code wanted}, else a new one. */
  public static ServingCertificate loadOrIssue(Path tlsDir, CertificateAuthority ca,
      SubjectAltNames wanted, Clock clock) {
    Path certFile = tlsDir.resolve(CERTIFICATE_FILE);
    Path keyFile = tlsDir.resolve(KEY_FILE);
    Optional<IssuedCertificate> stored = read(certFile, keyFile);
    String why = stored.map(pair -> staleness(pair, ca, wanted, clock.instant()).orElse(""))
        .orElse("there is no readable serving certificate");
    if (stored.isPresent() && why.isEmpty()) {
      return new ServingCertificate(stored.get(), Origin.REUSED, "still valid");
    }
    IssuedCertificate fresh = ca.issueServing(wanted);
    // Key first: a crash before the certificate is written leaves a mismatched pair, which the
    // next start detects and replaces.
    SecureFiles.writePrivate(keyFile, fresh.privateKeyPem());
    SecureFiles.writePublic(certFile, fresh.certificatePem());
    return new ServingCertificate(fresh, Origin.ISSUED, why);
  }

  /** Why {@code pair} cannot serve {@code wanted} at {@code now}, or empty if it can. */
  static Optional<String> staleness(IssuedCertificate pair, CertificateAuthority ca,
      SubjectAltNames wanted, Instant now) {
    X509Certificate certificate = pair.certificate();
    if (!Keys.matches(certificate, pair.privateKey())) {
      return Optional.of("the serving key does not match its certificate");
    }
    try {
      certificate.verify(ca.certificate().getPublicKey());
    } catch (GeneralSecurityException e) {
      return Optional.of("the serving certificate is not signed by the current CA");
    }
    if (certificate.getNotBefore().toInstant().isAfter(now)) {
      return Optional.of("the serving certificate is not valid yet");
    }
    Instant expiry = certificate.getNotAfter().toInstant();
    if (!expiry.isAfter(now.plus(RENEW_BEFORE))) {
      return Optional.of("the serving certificate expires at " + expiry);
    }
    SubjectAltNames present = subjectAltNames(certificate);
    if (!present.covers(wanted)) {
      Set<Object> missing = new LinkedHashSet<>(wanted.dnsNames());
      missing.removeAll(present.dnsNames());
      wanted.ipAddresses().stream().filter(ip -> !present.ipAddresses().contains(ip))
          .map(InetAddress::getHostAddress).forEach(missing::add);
      return Optional.of("the serving certificate does not name " + missing);
    }
    return Optional.empty();
  }

  /** The names a certificate carries in its subjectAltName extension. */
  public static SubjectAltNames subjectAltNames(X509Certificate certificate) {
    Set<String> dns = new LinkedHashSet<>();
    Set<InetAddress> ips = new LinkedHashSet<>();
    try {
      Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
      for (List<?> entry : entries == null ? List.<List<?>>of() : entries) {
        int type = (Integer) entry.get(0);
        if (type == DNS_NAME) {
          dns.add(((String) entry.get(1)).toLowerCase(Locale.ROOT));
        } else if (type == IP_ADDRESS) {
          ips.add(InetAddress.getByName((String) entry.get(1)));
        }
      }
    } catch (CertificateParsingException | UnknownHostException e) {
      return new SubjectAltNames(Set.of(), Set.of());
    }
    return new SubjectAltNames(dns, ips);
  }

  private static Optional<IssuedCertificate> read(Path certFile, Path keyFile) {
    if (!Files.exists(certFile) || !Files.exists(keyFile)) {
      return Optional.empty();
    }
    try {
      return Optional.of(IssuedCertificate.parse(Files.readString(certFile),
          Files.readString(keyFile)));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The certificate and key. */
  public IssuedCertificate issued() {
    return issued;
  }

  /** Whether the pair was reused from disk or just issued. */
  public Origin origin() {
    return origin;
  }

  /** Why the pair was issued ("there is no readable serving certificate", an expiry, a name). */
  public String reason() {
    return reason;
  }
}

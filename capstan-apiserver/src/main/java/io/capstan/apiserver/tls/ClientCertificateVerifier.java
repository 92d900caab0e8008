package io.capstan.apiserver.tls;

import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Decides whether a client certificate chain, as a TLS session presents it (leaf first), comes
 * from our CA: the leaf must be signed directly by the CA, be within its validity at the injected
 * clock's now (as must the CA), and carry the clientAuth extended key usage; its CN is the user,
 * which must not be empty, and its O values are the groups, as Kubernetes' x509 authenticator
 * reads them. Further certificates in the chain are ignored: this CA issues no intermediates.
 */
public final class ClientCertificateVerifier {

  private static final String CLIENT_AUTH = KeyPurposeId.id_kp_clientAuth.getId();

  private final X509Certificate ca;
  private final Clock clock;

  public ClientCertificateVerifier(X509Certificate ca, Clock clock) {
    this.ca = ca;
    this.clock = clock;
  }

  /** Checks {@code chain}, the peer certificates of a TLS session, leaf first. */
  public ClientVerification verify(List<? extends Certificate> chain) {
    if (chain.isEmpty()) {
      return new ClientVerification.Rejected("no client certificate");
    }
    if (!(chain.getFirst() instanceof X509Certificate leaf)) {
      return new ClientVerification.Rejected("the client certificate is not X.509");
    }
    Date now = Date.from(clock.instant());
    if (!leaf.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
      return rejected(leaf, "is issued by " + leaf.getIssuerX500Principal() + ", not by our CA");
    }
    try {
      leaf.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      return rejected(leaf, "is not signed by our CA");
    }
    try {
      ca.checkValidity(now);
      leaf.checkValidity(now);
    } catch (CertificateExpiredException e) {
      return rejected(leaf, "has expired");
    } catch (CertificateNotYetValidException e) {
      return rejected(leaf, "is not valid yet");
    }
    if (!allowsClientAuth(leaf)) {
      return rejected(leaf, "is not for client authentication (no clientAuth extended key usage)");
    }
    X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
    List<String> users = values(subject, BCStyle.CN);
    if (users.isEmpty() || users.getFirst().isEmpty()) {
      return rejected(leaf, "names no user (empty CN)");
    }
    return new ClientVerification.Verified(
        new ClientIdentity(users.getFirst(), values(subject, BCStyle.O)));
  }

  private static boolean allowsClientAuth(X509Certificate leaf) {
    try {
      List<String> usages = leaf.getExtendedKeyUsage();
      return usages != null && usages.contains(CLIENT_AUTH);
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  private static List<String> values(X500Name name, ASN1ObjectIdentifier type) {
    return Arrays.stream(name.getRDNs(type))
        .map(RDN::getFirst)
        .map(AttributeTypeAndValue::getValue)
        .map(ClientCertificateVerifier::text)
        .toList();
  }

  private static String text(ASN1Encodable value) {
    // Plain strings are returned as they are; IETFUtils would escape commas and the like.
    return value instanceof ASN1String string ? string.getString() : IETFUtils.valueToString(value);
  }

  private static ClientVerification rejected(X509Certificate leaf, String why) {
    return new ClientVerification.Rejected(
        "the client certificate " + leaf.getSubjectX500Principal() + " " + why);
  }
}

package io.capstan.apiserver.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds and signs the three kinds of certificate: the self-signed CA and, signed by it, serving
 * and client certificates. Signing uses the JDK's providers; BouncyCastle only assembles the
 * ASN.1, so nothing is registered in the JVM-wide provider list.
 */
final class CertificateTemplates {

  private CertificateTemplates() {
  }

  static X509Certificate selfSignedCa(X500Name subject, KeyPair keys, Instant notBefore,
      Instant notAfter, SecureRandom random) {
    try {
      JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(random),
          date(notBefore), date(notAfter), subject, keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(
              KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
          .addExtension(Extension.subjectKeyIdentifier, false,
              ids.createSubjectKeyIdentifier(keys.getPublic()));
      return sign(builder, keys.getPrivate());
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the CA certificate", e);
    }
  }

  static X509Certificate leaf(X509Certificate issuer, PrivateKey issuerKey, X500Name subject,
      PublicKey subjectKey, KeyPurposeId purpose, SubjectAltNames sans, Instant notBefore,
      Instant notAfter, SecureRandom random) {
    try {
      JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(random),
          date(notBefore), date(notAfter), subject, subjectKey)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
          .addExtension(Extension.subjectKeyIdentifier, false,
              ids.createSubjectKeyIdentifier(subjectKey))
          .addExtension(Extension.authorityKeyIdentifier, false,
              ids.createAuthorityKeyIdentifier(issuer));
      if (!sans.dnsNames().isEmpty() || !sans.ipAddresses().isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false, generalNames(sans));
      }
      return sign(builder, issuerKey);
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a certificate for " + subject, e);
    }
  }

  private static GeneralNames generalNames(SubjectAltNames sans) {
    List<GeneralName> names = new ArrayList<>();
    sans.dnsNames().stream().sorted()
        .forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
    for (InetAddress address : sans.ipAddresses()) {
      names.add(new GeneralName(GeneralName.iPAddress, address.getHostAddress()));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws GeneralSecurityException {
    try {
      var signer = new JcaContentSignerBuilder(Keys.SIGNATURE_ALGORITHM).build(key);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** A positive 127-bit serial: unique in practice, as RFC 5280 asks of a CA. */
  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).setBit(0);
  }

  /** X.509 times have whole seconds; truncating keeps stored and in-memory dates equal. */
  private static Date date(Instant instant) {
    return Date.from(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}

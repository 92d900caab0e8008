package io.capstan.apiserver.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * PKCS#10 certificate signing requests, the way a kubelet asks for its client certificate: the
 * requester makes a key pair, keeps the private key, and sends a request naming the user (CN) and
 * groups (O) signed with it, which proves it holds the key.
 */
public final class CertificateRequests {

  /** A verified request: who it asks to be, and the key the certificate is for. */
  public record Request(String user, List<String> groups, PublicKey publicKey) {
    public Request {
      groups = List.copyOf(groups);
    }
  }

  private CertificateRequests() {}

  /** A fresh ECDSA P-256 key pair for a request. */
  public static KeyPair newKeyPair() {
    return Keys.generate(new SecureRandom());
  }

  /** A PEM {@code CERTIFICATE REQUEST} for {@code user} in {@code groups}, signed by {@code keys}.
   */
  public static String create(KeyPair keys, String user, List<String> groups) {
    try {
      PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
          subject(user, groups), keys.getPublic())
          .build(new JcaContentSignerBuilder(Keys.SIGNATURE_ALGORITHM).build(keys.getPrivate()));
      StringWriter out = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
        writer.writeObject(request);
      }
      return out.toString();
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot build a certificate signing request", e);
    }
  }

  /**
   * Parses a PEM request and checks its self-signature.
   *
   * @throws IllegalArgumentException when it is not a well-formed, correctly signed request
   *     naming exactly one CN
   */
  public static Request parse(String pem) {
    Object parsed;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      parsed = parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a PEM certificate signing request");
    }
    if (!(parsed instanceof PKCS10CertificationRequest request)) {
      throw new IllegalArgumentException("not a PEM certificate signing request");
    }
    try {
      JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request);
      PublicKey key = jca.getPublicKey();
      if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
        throw new IllegalArgumentException("the request's signature does not match its key");
      }
      X500Name subject = request.getSubject();
      RDN[] names = subject.getRDNs(BCStyle.CN);
      if (names.length != 1) {
        throw new IllegalArgumentException("the request must name exactly one common name");
      }
      List<String> groups = new ArrayList<>();
      for (RDN rdn : subject.getRDNs(BCStyle.O)) {
        groups.add(text(rdn.getFirst().getValue()));
      }
      return new Request(text(names[0].getFirst().getValue()), groups, key);
    } catch (GeneralSecurityException | OperatorCreationException | PKCSException e) {
      throw new IllegalArgumentException("the request's key or signature is unusable");
    }
  }

  static X500Name subject(String user, List<String> groups) {
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
    groups.forEach(group -> subject.addRDN(BCStyle.O, group));
    subject.addRDN(BCStyle.CN, user);
    return subject.build();
  }

  private static String text(ASN1Encodable value) {
    // Plain strings are returned as they are; IETFUtils would escape commas and the like.
    return value instanceof ASN1String string ? string.getString() : IETFUtils.valueToString(value);
  }
}

package io.capstan.apiserver.serviceaccount;

import io.capstan.apiserver.tls.Pem;
import io.capstan.apiserver.tls.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;

/**
 * The key that signs service-account tokens: ECDSA P-256 (JWS {@code ES256}), kept as PKCS#8 PEM
 * in {@code <tlsDir>/service-account.key} so that tokens issued before a restart stay valid after
 * it. Only the private key is stored; the public half is recomputed from it, so the two can never
 * disagree.
 *
 * @param keyId the JWS {@code kid}: base64url of the SHA-256 of the public key's PKIX DER, as
 *     Kubernetes' {@code keyIDFromPublicKey}, stable for as long as the key file is
 */
public record ServiceAccountKeys(PrivateKey privateKey, PublicKey publicKey, String keyId) {

  public static final String KEY_FILE = "service-account.key";
  private static final String CURVE = "secp256r1";

  /** Reads the key in {@code tlsDir}, creating it (mode 0600, atomically) when absent. */
  public static ServiceAccountKeys loadOrCreate(Path tlsDir) {
    return loadOrCreate(tlsDir, new SecureRandom());
  }

  static ServiceAccountKeys loadOrCreate(Path tlsDir, SecureRandom random) {
    Path file = tlsDir.resolve(KEY_FILE);
    if (Files.exists(file)) {
      try {
        return of(Pem.decodePrivateKey(Files.readString(file, StandardCharsets.US_ASCII)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(file + " holds no usable service-account key: "
            + e.getMessage(), e);
      }
    }
    PrivateKey key = generate(random);
    SecureFiles.writePrivate(file, Pem.encodePrivateKey(key));
    return of(key);
  }

  /** The keys for a P-256 private key. */
  static ServiceAccountKeys of(PrivateKey key) {
    if (!(key instanceof ECPrivateKey ec) || ec.getParams().getCurve().getField().getFieldSize()
        != 256) {
      throw new IllegalArgumentException("the service-account key must be an ECDSA P-256 key");
    }
    PublicKey publicKey = publicKeyOf(ec);
    return new ServiceAccountKeys(key, publicKey, keyIdOf(publicKey));
  }

  private static PrivateKey generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(CURVE), random);
      return generator.generateKeyPair().getPrivate();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no EC P-256 key generator", e);
    }
  }

  /** Q = d·G on P-256. */
  private static PublicKey publicKeyOf(ECPrivateKey key) {
    ECNamedCurveParameterSpec curve = ECNamedCurveTable.getParameterSpec(CURVE);
    org.bouncycastle.math.ec.ECPoint q = curve.getG().multiply(key.getS()).normalize();
    ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    try {
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, key.getParams()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive the service-account public key", e);
    }
  }

  private static String keyIdOf(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no SHA-256", e);
    }
  }
}

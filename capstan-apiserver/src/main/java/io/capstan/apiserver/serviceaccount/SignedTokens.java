package io.capstan.apiserver.serviceaccount;

import io.capstan.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compact JWS ({@code header.payload.signature}, RFC 7515) signed with ES256 under this server's
 * service-account key. Parsing and verifying are separate steps so that the authenticator can
 * first decide from the (unverified) issuer whether a bearer token is one of ours at all.
 */
final class SignedTokens {

  static final String ALGORITHM = "ES256";
  private static final String JDK_ALGORITHM = "SHA256withECDSA";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final ServiceAccountKeys keys;

  SignedTokens(ServiceAccountKeys keys) {
    this.keys = keys;
  }

  /** A token as sent on the wire: the two JSON parts and what the signature covers. */
  record Parsed(ObjectNode header, ObjectNode claims, byte[] signingInput, byte[] signature) {}

  String sign(ObjectNode claims) {
    ObjectNode header = Json.object();
    header.put("alg", ALGORITHM);
    header.put("kid", keys.keyId());
    String input = encode(header) + "." + encode(claims);
    try {
      Signature signer = Signature.getInstance(JDK_ALGORITHM);
      signer.initSign(keys.privateKey());
      signer.update(input.getBytes(StandardCharsets.US_ASCII));
      byte[] jose = JoseSignatures.derToJose(signer.sign())
          .orElseThrow(() -> new IllegalStateException("the JDK produced a malformed signature"));
      return input + "." + ENCODER.encodeToString(jose);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a service-account token", e);
    }
  }

  /** The parts of a compact JWS; empty for anything that is not one (an opaque token). */
  static Optional<Parsed> parse(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      JsonNode header = Json.MAPPER.readTree(DECODER.decode(parts[0]));
      JsonNode claims = Json.MAPPER.readTree(DECODER.decode(parts[1]));
      byte[] signature = DECODER.decode(parts[2]);
      if (!(header instanceof ObjectNode h) || !(claims instanceof ObjectNode c)) {
        return Optional.empty();
      }
      byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
      return Optional.of(new Parsed(h, c, input, signature));
    } catch (IllegalArgumentException | JacksonException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether our key signed {@code token} with ES256. The algorithm comes from our key, never from
   * the header, so {@code alg: none} or an HMAC keyed with our public key cannot pass.
   */
  boolean verify(Parsed token) {
    if (!ALGORITHM.equals(token.header().path("alg").asString(""))) {
      return false;
    }
    JsonNode kid = token.header().path("kid");
    if (!kid.isMissingNode() && !keys.keyId().equals(kid.asString(""))) {
      return false;
    }
    Optional<byte[]> der = JoseSignatures.joseToDer(token.signature());
    if (der.isEmpty()) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(JDK_ALGORITHM);
      verifier.initVerify(keys.publicKey());
      verifier.update(token.signingInput());
      return verifier.verify(der.get());
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String encode(ObjectNode json) {
    return ENCODER.encodeToString(Json.MAPPER.writeValueAsBytes(json));
  }
}

package io.capstan.apiserver.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JoseSignaturesTest {

  /**
   * The JDK's P1363 encoding is exactly JOSE's {@code r || s}, so it serves as the oracle: the
   * conversion must agree with it both ways, for many signatures (r and s with and without the
   * high bit, and with leading zero bytes, all occur among a few hundred).
   */
  @Test
  void agreesWithTheJdksFixedWidthEncoding() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    for (int i = 0; i < 300; i++) {
      byte[] message = ("message " + i).getBytes();
      Signature der = Signature.getInstance("SHA256withECDSA");
      der.initSign(pair.getPrivate());
      der.update(message);
      byte[] derSignature = der.sign();
      byte[] jose = JoseSignatures.derToJose(derSignature).orElseThrow();

      Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
      p1363.initVerify(pair.getPublic());
      p1363.update(message);
      assertThat(p1363.verify(jose)).as("signature %d", i).isTrue();
      assertThat(JoseSignatures.joseToDer(jose)).hasValue(derSignature);
    }
  }

  record Case(String name, String der, String jose) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String r = "80" + "11".repeat(31);
    String s = "00" + "7f" + "22".repeat(30);
    return Stream.of(
        new Case("sign byte on r, leading zero dropped from s",
            "3044" + "0221" + "00" + r + "021f" + s.substring(2), r + s),
        new Case("small values", "3006" + "020101" + "020102",
            "00".repeat(31) + "01" + "00".repeat(31) + "02"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void convertsKnownEncodings(Case c) {
    HexFormat hex = HexFormat.of();
    assertThat(JoseSignatures.derToJose(hex.parseHex(c.der())).map(hex::formatHex))
        .hasValue(c.jose());
    assertThat(JoseSignatures.joseToDer(hex.parseHex(c.jose())).map(hex::formatHex))
        .hasValue(c.der());
  }

  static Stream<String> malformed() {
    return Stream.of("", "30", "3006020101", "31060201010201020000", "3006020101030102",
        "3026" + "0222" + "0000" + "11".repeat(32) + "020101");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void refusesMalformedDer(String der) {
    assertThat(JoseSignatures.derToJose(HexFormat.of().parseHex(der))).isEmpty();
  }

  @Test
  void refusesJoseOfTheWrongLength() {
    assertThat(JoseSignatures.joseToDer(new byte[63])).isEmpty();
  }
}

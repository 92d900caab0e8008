package io.capstan.apiserver.serviceaccount;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * ECDSA signatures in the two encodings that meet here: the JDK's {@code SHA256withECDSA} produces
 * and expects ASN.1 DER ({@code SEQUENCE { INTEGER r, INTEGER s }}), while JWS {@code ES256}
 * (RFC 7518 §3.4) carries {@code r || s}, each a 32-byte unsigned big-endian number.
 *
 * <p>Example: DER {@code 30 45 02 21 00 <r: 32 bytes> 02 20 <s: 32 bytes>} holds an {@code r}
 * with its top bit set (hence the sign byte {@code 00}); its JOSE form is those 32 bytes of
 * {@code r} followed by the 32 of {@code s}.
 */
final class JoseSignatures {

  static final int PART = 32;

  private JoseSignatures() {}

  /** DER to {@code r || s}; empty when {@code der} is not a well-formed P-256 signature. */
  static Optional<byte[]> derToJose(byte[] der) {
    Reader in = new Reader(der);
    if (in.next() != 0x30 || in.length() != der.length - in.position) {
      return Optional.empty();
    }
    byte[] out = new byte[2 * PART];
    for (int part = 0; part < 2; part++) {
      if (in.next() != 0x02) {
        return Optional.empty();
      }
      int length = in.length();
      if (length < 1 || length > PART + 1 || in.position + length > der.length) {
        return Optional.empty();
      }
      byte[] value = Arrays.copyOfRange(der, in.position, in.position + length);
      in.position += length;
      int skip = 0;
      while (skip < value.length - 1 && value[skip] == 0) {
        skip++;
      }
      int size = value.length - skip;
      if (size > PART) {
        return Optional.empty();
      }
      System.arraycopy(value, skip, out, part * PART + PART - size, size);
    }
    return in.position == der.length ? Optional.of(out) : Optional.empty();
  }

  /** {@code r || s} to DER; empty when {@code jose} is not 64 bytes. */
  static Optional<byte[]> joseToDer(byte[] jose) {
    if (jose.length != 2 * PART) {
      return Optional.empty();
    }
    byte[] r = integer(Arrays.copyOfRange(jose, 0, PART));
    byte[] s = integer(Arrays.copyOfRange(jose, PART, 2 * PART));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    out.write(r.length + s.length);
    out.writeBytes(r);
    out.writeBytes(s);
    return Optional.of(out.toByteArray());
  }

  /** A DER INTEGER of an unsigned value: minimal, with a 00 byte when the top bit is set. */
  private static byte[] integer(byte[] unsigned) {
    int skip = 0;
    while (skip < unsigned.length - 1 && unsigned[skip] == 0) {
      skip++;
    }
    boolean pad = (unsigned[skip] & 0x80) != 0;
    int length = unsigned.length - skip + (pad ? 1 : 0);
    byte[] out = new byte[2 + length];
    out[0] = 0x02;
    out[1] = (byte) length;
    System.arraycopy(unsigned, skip, out, 2 + (pad ? 1 : 0), unsigned.length - skip);
    return out;
  }

  /** Short-form and one-byte long-form lengths: all a P-256 signature can need. */
  private static final class Reader {
    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    int next() {
      return position < bytes.length ? bytes[position++] & 0xff : -1;
    }

    int length() {
      int first = next();
      if (first == 0x81) {
        return next();
      }
      return first >= 0 && first < 0x80 ? first : -1;
    }
  }
}

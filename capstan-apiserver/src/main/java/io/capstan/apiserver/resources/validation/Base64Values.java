package io.capstan.apiserver.resources.validation;

import java.util.Base64;
import java.util.Optional;

/**
 * The {@code []byte} fields of Secrets and ConfigMaps travel as standard base64 in JSON; Go's
 * decoder skips CR and LF and reports the first bad byte.
 */
public final class Base64Values {

  private Base64Values() {}

  /** The decoded bytes, or empty when the text is not valid base64. */
  public static Optional<byte[]> decode(String text) {
    try {
      return Optional.of(Base64.getDecoder().decode(text.replace("\r", "").replace("\n", "")));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Go's {@code illegal base64 data at input byte N}, for text that does not decode. */
  public static String errorMessage(String text) {
    String clean = text.replace("\r", "").replace("\n", "");
    int offset = clean.length();
    for (int i = 0; i < clean.length(); i++) {
      char c = clean.charAt(i);
      boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
          || c == '+' || c == '/';
      if (!alphabet) {
        offset = c == '=' && i >= clean.length() - 2 && clean.length() % 4 == 0 ? clean.length()
            : i;
        break;
      }
    }
    if (offset == clean.length() && clean.length() % 4 != 0) {
      offset = clean.length() - clean.length() % 4;
    }
    return "illegal base64 data at input byte " + offset;
  }

  public static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}

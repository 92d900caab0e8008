package io.capstan.node.kubelet;

import java.util.List;

/**
 * Go's {@code strconv.Quote} ({@code %q}), which the kubelet uses for the values in downward-API
 * label and annotation files: printable characters stay, the usual C escapes for control
 * characters, {@code \x..} for other ASCII controls and {@code \\u....} or {@code \U........}
 * for non-printable code points. Also what kubelet messages are made of: {@code %q} and, for
 * string slices, {@code %v} ({@code [sh -c exit 1]}). The API server's messages quote with the
 * same rules ({@code io.capstan.apiserver.errors.GoQuote}); nodes do not depend on the API server.
 */
public final class GoQuote {

  private GoQuote() {}

  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(cp -> appendEscaped(out, cp));
    return out.append('"').toString();
  }

  private static void appendEscaped(StringBuilder out, int cp) {
    switch (cp) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case 0x07 -> out.append("\\a");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case 0x0b -> out.append("\\v");
      default -> {
        if (isPrintable(cp)) {
          out.appendCodePoint(cp);
        } else if (cp < 0x80) {
          out.append(String.format("\\x%02x", cp));
        } else if (cp < 0x10000) {
          out.append(String.format("\\u%04x", cp));
        } else {
          out.append(String.format("\\U%08x", cp));
        }
      }
    }
  }

  /** Go's {@code IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
  private static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }

  /** A string slice as {@code %v} prints it. */
  public static String list(List<String> items) {
    return "[" + String.join(" ", items) + "]";
  }
}

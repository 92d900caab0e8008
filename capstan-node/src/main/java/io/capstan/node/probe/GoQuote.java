package io.capstan.node.probe;

import java.util.List;

/**
 * Formats values as Go's {@code %q} and {@code %v} do, so hook failure messages read exactly like
 * the kubelet's: {@code "ns/web"}, {@code [sh -c exit 1]}.
 */
final class GoQuote {

  private GoQuote() {}

  /** A double-quoted string with Go escapes. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    text.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\x%02x", c));
          } else {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.append('"').toString();
  }

  /** A string slice as {@code %v} prints it. */
  static String list(List<String> items) {
    return "[" + String.join(" ", items) + "]";
  }
}

package io.capstan.apiserver.http;

import java.util.List;

/** The {@code Warning} response header (RFC 7234 code 299) that kubectl prints as "Warning: ...". */
final class Warnings {

  private Warnings() {}

  static String header(List<String> messages) {
    StringBuilder out = new StringBuilder();
    for (String message : messages) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      out.append("299 - \"");
      for (char c : message.toCharArray()) {
        if (c == '"' || c == '\\') {
          out.append('\\');
        }
        out.append(c < 0x20 ? ' ' : c);
      }
      out.append('"');
    }
    return out.toString();
  }
}

package io.capstan.cli.kubectl;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * JSON as kubectl's {@code -o json} writes it with Go's {@code json.MarshalIndent}: keys sorted,
 * four-space indent, {@code "key": value}, {@code <>&} escaped as {@code \u003c} and friends.
 */
final class GoJson {

  private GoJson() {}

  static String write(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, "", out);
    return out.append('\n').toString();
  }

  private static void write(JsonNode node, String indent, StringBuilder out) {
    String inner = indent + "    ";
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.append("{}");
        return;
      }
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      out.append("{\n");
      int i = 0;
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        out.append(inner);
        quote(e.getKey(), out);
        out.append(": ");
        write(e.getValue(), inner, out);
        out.append(++i < sorted.size() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < node.size(); i++) {
        out.append(inner);
        write(node.get(i), inner, out);
        out.append(i + 1 < node.size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else if (node.isString()) {
      quote(node.asString(), out);
    } else {
      out.append(node.toString());
    }
  }

  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}

package io.capstan.apiserver.errors;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Renders a value the way Kubernetes' field errors print it (Go's %v / %q conventions). */
final class GoValue {

  private GoValue() {}

  static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof JsonNode node) {
      if (node.isString()) {
        return quote(node.asString());
      }
      if (node.isNumber() || node.isBoolean()) {
        return node.toString();
      }
      if (node.isNull()) {
        return "null";
      }
      return node.toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder s = new StringBuilder("map[");
      boolean first = true;
      for (Map.Entry<?, ?> e : new java.util.TreeMap<>(map).entrySet()) {
        if (!first) {
          s.append(' ');
        }
        first = false;
        s.append(e.getKey()).append(':').append(e.getValue());
      }
      return s.append(']').toString();
    }
    return value.toString();
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}

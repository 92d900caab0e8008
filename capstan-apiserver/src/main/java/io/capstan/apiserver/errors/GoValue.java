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
      return GoQuote.quote(s);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof JsonNode node) {
      if (node.isString()) {
        return GoQuote.quote(node.asString());
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

}

package io.capstan.apiserver.patch;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** Comparisons and renderings of JSON values that the three patch engines share. */
final class JsonValues {

  private JsonValues() {}

  /**
   * Structural equality where numbers compare by value ({@code 1} equals {@code 1.0}) and object
   * members compare regardless of order.
   */
  static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> e : a.properties()) {
        if (!same(e.getValue(), b.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!same(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** The Go type name a value decodes to, for error messages worded as Kubernetes words them. */
  static String goType(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "<nil>";
    }
    if (node.isObject()) {
      return "map[string]interface {}";
    }
    if (node.isArray()) {
      return "[]interface {}";
    }
    if (node.isString()) {
      return "string";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    return node.isIntegralNumber() ? "int64" : "float64";
  }

  /** A value as Go's {@code %v} prints it: {@code map[name:web]}, {@code [a b]}, bare strings. */
  static String render(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "<nil>";
    }
    if (node.isString()) {
      return node.stringValue();
    }
    StringBuilder out = new StringBuilder();
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      out.append("map[");
      Iterator<Map.Entry<String, JsonNode>> it = sorted.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.append(e.getKey()).append(':').append(render(e.getValue()));
        if (it.hasNext()) {
          out.append(' ');
        }
      }
      return out.append(']').toString();
    }
    if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(' ');
        }
        out.append(render(node.get(i)));
      }
      return out.append(']').toString();
    }
    return node.toString();
  }
}

package io.capstan.cli.kubectl;

import java.util.Iterator;
import tools.jackson.databind.JsonNode;

/**
 * Equality of JSON values as Go compares decoded values: numbers by value whatever their width
 * ({@code 3} read from YAML equals {@code 3} read from the server), objects regardless of key
 * order.
 */
final class JsonEquality {

  private JsonEquality() {}

  static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (String key : a.propertyNames()) {
        if (!same(a.get(key), b.get(key))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<JsonNode> left = a.iterator();
      Iterator<JsonNode> right = b.iterator();
      while (left.hasNext()) {
        if (!same(left.next(), right.next())) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}

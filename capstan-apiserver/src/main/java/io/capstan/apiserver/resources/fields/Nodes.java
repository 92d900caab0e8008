package io.capstan.apiserver.resources.fields;

import io.capstan.apiserver.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lenient reads from JSON trees with Go's zero-value conventions: a missing field reads as the
 * zero value of its type, the way a Go struct field that was absent from the JSON would.
 */
public final class Nodes {

  private Nodes() {}

  /** The field when present and not {@code null}. */
  public static Optional<JsonNode> get(JsonNode parent, String name) {
    if (parent == null || !parent.isObject()) {
      return Optional.empty();
    }
    JsonNode value = parent.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  public static boolean has(JsonNode parent, String name) {
    return get(parent, name).isPresent();
  }

  /** Follows a chain of object fields. */
  public static Optional<JsonNode> at(JsonNode root, String... names) {
    JsonNode current = root;
    for (String name : names) {
      Optional<JsonNode> next = get(current, name);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      current = next.get();
    }
    return Optional.of(current);
  }

  public static Optional<String> optString(JsonNode parent, String name) {
    return get(parent, name).filter(n -> !n.isContainer()).map(JsonNode::asString);
  }

  /** The text of a scalar field, or the empty string. */
  public static String string(JsonNode parent, String name) {
    return optString(parent, name).orElse("");
  }

  public static OptionalLong optInteger(JsonNode parent, String name) {
    Optional<JsonNode> value = get(parent, name);
    if (value.isPresent() && value.get().isNumber()) {
      return OptionalLong.of(value.get().asLong());
    }
    return OptionalLong.empty();
  }

  public static long integer(JsonNode parent, String name) {
    return optInteger(parent, name).orElse(0);
  }

  public static boolean bool(JsonNode parent, String name) {
    return get(parent, name).map(JsonNode::asBoolean).orElse(false);
  }

  public static Optional<ObjectNode> object(JsonNode parent, String name) {
    return get(parent, name).filter(JsonNode::isObject).map(ObjectNode.class::cast);
  }

  /** The object, or a detached empty object when it is absent. */
  public static ObjectNode objectOrEmpty(JsonNode parent, String name) {
    return object(parent, name).orElseGet(Json::object);
  }

  /** The elements of an array field; absent or non-array reads as empty. */
  public static List<JsonNode> list(JsonNode parent, String name) {
    Optional<JsonNode> value = get(parent, name);
    if (value.isEmpty() || !value.get().isArray()) {
      return List.of();
    }
    return List.copyOf(value.get().values());
  }

  /**
   * The object elements of an array field. A non-object element reads as a detached empty object
   * so that indexes in error paths still line up.
   */
  public static List<ObjectNode> objects(JsonNode parent, String name) {
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode element : list(parent, name)) {
      out.add(element.isObject() ? (ObjectNode) element : Json.object());
    }
    return out;
  }

  /** The string elements of an array field. */
  public static List<String> strings(JsonNode parent, String name) {
    List<String> out = new ArrayList<>();
    for (JsonNode element : list(parent, name)) {
      out.add(element.isNull() ? "" : element.asString());
    }
    return out;
  }

  /** A {@code map[string]string} field, in key order so that errors come out stable. */
  public static Map<String, String> stringMap(JsonNode parent, String name) {
    Map<String, String> out = new TreeMap<>();
    object(parent, name).ifPresent(o -> {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asString());
      }
    });
    return out;
  }

  /** The child object, created (replacing any non-object value) when needed. */
  public static ObjectNode ensureObject(ObjectNode parent, String name) {
    JsonNode value = parent.get(name);
    if (value instanceof ObjectNode o) {
      return o;
    }
    return parent.putObject(name);
  }

  public static ArrayNode ensureArray(ObjectNode parent, String name) {
    JsonNode value = parent.get(name);
    if (value instanceof ArrayNode a) {
      return a;
    }
    return parent.putArray(name);
  }

  /** Sets {@code name} to a copy of {@code source}'s field, or removes it when the source lacks it. */
  public static void copyField(ObjectNode target, JsonNode source, String name) {
    JsonNode value = source == null ? null : source.get(name);
    if (value == null) {
      target.remove(name);
    } else {
      target.set(name, value.deepCopy());
    }
  }

  /**
   * Whether a node is the JSON form of a Go zero value: missing, null, false, 0, "", an empty
   * list, or an object whose fields are all zero.
   */
  public static boolean isZero(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return true;
    }
    if (node.isBoolean()) {
      return !node.asBoolean();
    }
    if (node.isNumber()) {
      return node.decimalValue().signum() == 0;
    }
    if (node.isString()) {
      return node.asString().isEmpty();
    }
    if (node.isArray()) {
      return node.isEmpty();
    }
    if (node.isObject()) {
      for (JsonNode child : node.values()) {
        if (!isZero(child)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * Equality as Kubernetes' semantic {@code DeepEqual} sees two decoded Go values: absent fields
   * equal zero values, numbers compare by value, empty and missing lists are equal.
   */
  public static boolean semanticEquals(JsonNode a, JsonNode b) {
    boolean aZero = isZero(a);
    boolean bZero = isZero(b);
    if (aZero || bZero) {
      return aZero && bZero;
    }
    if (a.isNumber() && b.isNumber()) {
      BigDecimal x = a.decimalValue();
      BigDecimal y = b.decimalValue();
      return x.compareTo(y) == 0;
    }
    if (a.isObject() && b.isObject()) {
      Set<String> names = new HashSet<>(a.propertyNames());
      names.addAll(b.propertyNames());
      for (String name : names) {
        if (!semanticEquals(a.get(name), b.get(name))) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!semanticEquals(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}

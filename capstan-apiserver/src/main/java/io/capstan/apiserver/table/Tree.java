package io.capstan.apiserver.table;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Null-safe reads from an object tree with Go's zero values: a missing string is {@code ""}, a
 * missing number 0, a missing list empty. Printers read stored objects, which may lack any
 * optional field, and must print what Kubernetes prints for the zero value.
 */
final class Tree {

  /** Go's zero {@code time.Time}, which {@code metav1.Time.IsZero} reports as unset. */
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private Tree() {}

  static JsonNode at(JsonNode node, String... path) {
    JsonNode current = node == null ? MissingNode.getInstance() : node;
    for (String name : path) {
      current = current.path(name);
    }
    return current;
  }

  static String text(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    if (value.isString()) {
      return value.asString();
    }
    return value.isValueNode() && !value.isNull() ? value.asString() : "";
  }

  static long integer(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return value.isNumber() ? value.asLong() : 0L;
  }

  static boolean bool(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return value.isBoolean() && value.asBoolean();
  }

  static boolean present(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return !value.isMissingNode() && !value.isNull();
  }

  static List<JsonNode> list(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    if (!value.isArray()) {
      return List.of();
    }
    List<JsonNode> items = new ArrayList<>(value.size());
    value.forEach(items::add);
    return items;
  }

  static int size(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    return value.isArray() || value.isObject() ? value.size() : 0;
  }

  /** A string map (labels, a selector), sorted by key like Go's printers iterate it. */
  static Map<String, String> stringMap(JsonNode node, String... path) {
    JsonNode value = at(node, path);
    Map<String, String> map = new TreeMap<>();
    if (value.isObject()) {
      value.properties().forEach(e -> map.put(e.getKey(), e.getValue().isString()
          ? e.getValue().asString() : e.getValue().toString()));
    }
    return map;
  }

  /** An RFC 3339 time ({@code metav1.Time} or {@code MicroTime}); empty when unset or unreadable. */
  static Optional<Instant> time(JsonNode node, String... path) {
    String value = text(node, path);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      Instant instant = OffsetDateTime.parse(value).toInstant();
      return instant.equals(GO_ZERO_TIME) ? Optional.empty() : Optional.of(instant);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

package io.capstan.apiserver.json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes {@code metadata} fields of an object tree without converting the object. */
public final class Meta {

  private Meta() {}

  /** The object's metadata node, created when missing (the object must be mutable then). */
  public static ObjectNode metadata(ObjectNode object) {
    JsonNode meta = object.get("metadata");
    if (meta instanceof ObjectNode m) {
      return m;
    }
    ObjectNode created = object.putObject("metadata");
    return created;
  }

  public static String name(JsonNode object) {
    return string(object.path("metadata"), "name");
  }

  public static String namespace(JsonNode object) {
    return string(object.path("metadata"), "namespace");
  }

  public static String uid(JsonNode object) {
    return string(object.path("metadata"), "uid");
  }

  public static String resourceVersion(JsonNode object) {
    return string(object.path("metadata"), "resourceVersion");
  }

  public static Optional<String> deletionTimestamp(JsonNode object) {
    String value = string(object.path("metadata"), "deletionTimestamp");
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  public static Map<String, String> labels(JsonNode object) {
    return stringMap(object.path("metadata").path("labels"));
  }

  public static Map<String, String> annotations(JsonNode object) {
    return stringMap(object.path("metadata").path("annotations"));
  }

  public static boolean hasFinalizers(JsonNode object) {
    JsonNode finalizers = object.path("metadata").path("finalizers");
    return finalizers.isArray() && !finalizers.isEmpty();
  }

  /** A string field of {@code node}, or "" when absent or not a string. */
  public static String string(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isString() ? value.asString() : "";
  }

  public static Map<String, String> stringMap(JsonNode node) {
    if (!node.isObject() || node.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getValue().isString()) {
        out.put(e.getKey(), e.getValue().asString());
      }
    }
    return out;
  }
}

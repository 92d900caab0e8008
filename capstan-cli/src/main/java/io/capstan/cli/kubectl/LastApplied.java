package io.capstan.cli.kubectl;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code kubectl.kubernetes.io/last-applied-configuration} annotation, written as kubectl
 * writes it ({@code GetModifiedConfiguration}): the applied object without that annotation (but
 * with an {@code annotations} map, empty if need be), as Go's {@code json.Marshal} prints an
 * unstructured object — keys sorted, no spaces, {@code <>&} escaped — followed by a newline.
 */
final class LastApplied {

  static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

  private LastApplied() {}

  /** The annotation's value for the manifest {@code object}. */
  static String of(JsonNode object) {
    ObjectNode copy = ((ObjectNode) object).deepCopy();
    annotations(copy).remove(ANNOTATION);
    return compact(copy) + "\n";
  }

  /** {@code object} with the annotation set to {@link #of}: what apply sends and compares. */
  static ObjectNode annotate(JsonNode object) {
    String value = of(object);
    ObjectNode copy = ((ObjectNode) object).deepCopy();
    annotations(copy).put(ANNOTATION, value);
    return copy;
  }

  /** The configuration recorded on a live object, if it has one. */
  static Optional<JsonNode> recorded(JsonNode live) {
    JsonNode value = live.path("metadata").path("annotations").path(ANNOTATION);
    if (!value.isString() || value.asString().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(io.capstan.apiserver.json.Json.MAPPER.readTree(value.asString()));
  }

  private static ObjectNode annotations(ObjectNode object) {
    ObjectNode metadata = object.has("metadata") && object.get("metadata").isObject()
        ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
    return metadata.has("annotations") && metadata.get("annotations").isObject()
        ? (ObjectNode) metadata.get("annotations") : metadata.putObject("annotations");
  }

  /** Go's {@code json.Marshal} of a decoded value. */
  static String compact(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        GoJson.quote(e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isString()) {
      GoJson.quote(node.asString(), out);
    } else {
      out.append(node.toString());
    }
  }
}

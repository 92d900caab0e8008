package io.capstan.apiserver.patch;

import io.capstan.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** Test helpers: JSON and YAML literals as trees, and trees in one canonical form to compare. */
final class Trees {

  private Trees() {}

  static JsonNode json(String text) {
    return Json.MAPPER.readTree(text);
  }

  static JsonNode yaml(String text) {
    return canonical(Json.YAML.readTree(text));
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The YAML document as a JSON request body. */
  static byte[] yamlBody(String text) {
    return bytes(yaml(text).toString());
  }

  /** Re-reads a tree so that trees built by different parsers compare equal. */
  static JsonNode canonical(JsonNode node) {
    return Json.MAPPER.readTree(node.toString());
  }
}

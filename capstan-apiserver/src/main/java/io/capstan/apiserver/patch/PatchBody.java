package io.capstan.apiserver.patch;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Parses a PATCH request body; a body that is not JSON is the client's error (400). */
final class PatchBody {

  private PatchBody() {}

  static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiException.badRequest("unexpected end of JSON input");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw ApiException.badRequest(e.getOriginalMessage());
    }
    if (node == null || node.isMissingNode()) {
      throw ApiException.badRequest("unexpected end of JSON input");
    }
    return node;
  }

  /** The JSON kind Go's decoder names in "cannot unmarshal X into ..." errors. */
  static String goKind(JsonNode node) {
    if (node.isObject()) {
      return "object";
    }
    if (node.isArray()) {
      return "array";
    }
    if (node.isString()) {
      return "string";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    return node.isNull() ? "null" : "number";
  }
}

package io.capstan.apiserver.http;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.protobuf.ProtobufBodies;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a request body into an object tree, by its Content-Type: JSON, YAML, or Kubernetes
 * protobuf (which kubectl's typed commands such as {@code create namespace} send).
 */
final class BodyDecoder {

  private BodyDecoder() {}

  static ObjectNode decodeObject(byte[] body, String contentType) {
    JsonNode node = decode(body, contentType);
    if (!(node instanceof ObjectNode object)) {
      throw ApiException.badRequest("the body of the request must be a JSON or YAML object");
    }
    return object;
  }

  static JsonNode decode(byte[] body, String contentType) {
    if (body.length == 0) {
      throw ApiException.badRequest("the body of the request was empty");
    }
    MediaType type = MediaType.parse(contentType == null ? "application/json" : contentType);
    try {
      if (type.isYaml()) {
        return Json.YAML.readTree(body);
      }
      if (type.type().equals(ProtobufBodies.MEDIA_TYPE)) {
        return ProtobufBodies.decode(body);
      }
      if (type.type().equals("application/json") || type.type().equals("*/*")
          || type.type().isEmpty()) {
        return Json.MAPPER.readTree(body);
      }
    } catch (JacksonException e) {
      throw ApiException.badRequest("the body of the request could not be decoded: "
          + e.getOriginalMessage());
    }
    throw ApiException.unsupportedMediaType(contentType);
  }
}

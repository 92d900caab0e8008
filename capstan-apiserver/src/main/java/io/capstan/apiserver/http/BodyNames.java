package io.capstan.apiserver.http;

import io.capstan.apiserver.json.Json;
import java.util.Optional;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * The name a create request gives its object, read from the body in whatever encoding it came
 * (JSON, YAML, protobuf): the path of a create names no object, yet the authorizer (a node may
 * create only its own Node) and the audit log need it. A JSON body, the common case, is scanned
 * only up to {@code metadata.name} rather than decoded a second time beside the handler's decoding.
 */
final class BodyNames {

  private BodyNames() {}

  /** {@code metadata.name} of the body; empty when absent or the body cannot be decoded. */
  static Optional<String> metadataName(Exchange exchange) {
    if (exchange.body().length == 0) {
      return Optional.empty();
    }
    String contentType = exchange.header("Content-Type").orElse(null);
    try {
      String type = MediaType.parse(contentType == null ? "application/json" : contentType).type();
      if (type.equals("application/json")) {
        return scanJson(exchange.body());
      }
      JsonNode name = BodyDecoder.decode(exchange.body(), contentType)
          .path("metadata").path("name");
      return name.isString() && !name.asString().isEmpty()
          ? Optional.of(name.asString()) : Optional.empty();
    } catch (RuntimeException e) {
      // An ApiException or worse: the handler reports a bad body; here it names nothing.
      return Optional.empty();
    }
  }

  /** Reads tokens until {@code metadata.name} at the top level, skipping everything else. */
  private static Optional<String> scanJson(byte[] body) {
    try (JsonParser parser = Json.MAPPER.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        boolean metadata = parser.currentName().equals("metadata");
        JsonToken value = parser.nextToken();
        if (metadata && value == JsonToken.START_OBJECT) {
          while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            boolean name = parser.currentName().equals("name");
            JsonToken field = parser.nextToken();
            if (name) {
              return field == JsonToken.VALUE_STRING && !parser.getString().isEmpty()
                  ? Optional.of(parser.getString()) : Optional.empty();
            }
            parser.skipChildren();
          }
          return Optional.empty();
        }
        parser.skipChildren();
      }
      return Optional.empty();
    }
  }
}

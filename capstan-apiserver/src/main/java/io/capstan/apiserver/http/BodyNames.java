package io.capstan.apiserver.http;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The name a create request gives its object, read from the body in whatever encoding it came
 * (JSON, YAML, protobuf): the path of a create names no object, yet the authorizer (a node may
 * create only its own Node) and the audit log need it.
 */
final class BodyNames {

  private BodyNames() {}

  /** {@code metadata.name} of the body; empty when absent or the body cannot be decoded. */
  static Optional<String> metadataName(Exchange exchange) {
    if (exchange.body().length == 0) {
      return Optional.empty();
    }
    try {
      JsonNode name = BodyDecoder.decode(exchange.body(),
          exchange.header("Content-Type").orElse(null)).path("metadata").path("name");
      return name.isString() && !name.asString().isEmpty()
          ? Optional.of(name.asString()) : Optional.empty();
    } catch (RuntimeException e) {
      // An ApiException or worse: the handler reports a bad body; here it names nothing.
      return Optional.empty();
    }
  }
}

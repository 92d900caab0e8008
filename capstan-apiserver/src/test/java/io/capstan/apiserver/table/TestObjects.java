package io.capstan.apiserver.table;

import io.capstan.apiserver.json.Json;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** Objects for printer tests, written as the YAML a cluster would store. */
final class TestObjects {

  /** The instant every test prints at. */
  static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  private TestObjects() {}

  static ObjectNode yaml(String text) {
    return (ObjectNode) Json.YAML.readTree(text);
  }
}

package io.capstan.apiserver.json;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The JSON and YAML mappers every part of the API server shares. They are immutable once built,
 * so sharing them is not shared mutable state.
 */
public final class Json {

  /** Objects travel as JSON trees so that fields Capstan does not model survive round trips. */
  public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(500)
              .maxStringLength(8 * 1024 * 1024)
              .build())
          .build())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  public static final YAMLMapper YAML = YAMLMapper.builder().build();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Converts a fabric8 model object (or any bean) to a tree. */
  public static ObjectNode toTree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Converts a tree to a fabric8 model type; unknown fields are ignored. */
  public static <T> T fromTree(JsonNode tree, Class<T> type) {
    return MAPPER.treeToValue(tree, type);
  }
}

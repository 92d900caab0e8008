package io.capstan.apiserver.resources.fields;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes the {@code metadata} of an object tree. */
public final class Metadata {

  private Metadata() {}

  /** The object's metadata, created when absent. */
  public static ObjectNode of(ObjectNode object) {
    return Nodes.ensureObject(object, "metadata");
  }

  public static JsonNode read(JsonNode object) {
    return Nodes.objectOrEmpty(object, "metadata");
  }

  public static String name(JsonNode object) {
    return Nodes.string(read(object), "name");
  }

  public static String namespace(JsonNode object) {
    return Nodes.string(read(object), "namespace");
  }

  public static Map<String, String> labels(JsonNode object) {
    return Nodes.stringMap(read(object), "labels");
  }

  public static Map<String, String> annotations(JsonNode object) {
    return Nodes.stringMap(read(object), "annotations");
  }

  public static long generation(JsonNode object) {
    return Nodes.integer(read(object), "generation");
  }

  public static void setGeneration(ObjectNode object, long generation) {
    of(object).put("generation", generation);
  }

  /**
   * Carries the old object's generation over, as the generic registry's {@code BeforeUpdate}
   * does: clients cannot set it.
   */
  public static void keepGeneration(ObjectNode object, JsonNode old) {
    Nodes.copyField(of(object), read(old), "generation");
  }

  /** Bumps the generation one past the old object's. */
  public static void bumpGeneration(ObjectNode object, JsonNode old) {
    setGeneration(object, generation(old) + 1);
  }
}

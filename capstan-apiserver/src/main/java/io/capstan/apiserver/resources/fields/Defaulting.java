package io.capstan.apiserver.resources.fields;

import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Go-style "set when zero" writes used by the defaulting functions. */
public final class Defaulting {

  private Defaulting() {}

  /** Sets a string field when it is missing, null or empty (Go's {@code == ""}). */
  public static void string(ObjectNode node, String field, String value) {
    if (Nodes.string(node, field).isEmpty()) {
      node.put(field, value);
    }
  }

  /** Sets a number field when it is missing, null or zero (Go's {@code == 0} on an int). */
  public static void zeroInt(ObjectNode node, String field, int value) {
    if (Nodes.integer(node, field) == 0) {
      node.put(field, value);
    }
  }

  /** Sets a pointer field when it is missing or null (Go's {@code == nil}). */
  public static void nilInt(ObjectNode node, String field, long value) {
    if (!Nodes.has(node, field)) {
      if (value == (int) value) {
        node.put(field, (int) value);
      } else {
        node.put(field, value);
      }
    }
  }

  public static void nilBool(ObjectNode node, String field, boolean value) {
    if (!Nodes.has(node, field)) {
      node.put(field, value);
    }
  }

  public static void nilString(ObjectNode node, String field, String value) {
    if (!Nodes.has(node, field)) {
      node.put(field, value);
    }
  }

  /** Sets an object field to {@code {}} when missing or null. */
  public static ObjectNode nilObject(ObjectNode node, String field) {
    if (!Nodes.has(node, field)) {
      return node.putObject(field);
    }
    return Nodes.ensureObject(node, field);
  }

  /** Applies to the child object when it is present. */
  public static Optional<ObjectNode> child(ObjectNode node, String field) {
    return Nodes.object(node, field);
  }
}

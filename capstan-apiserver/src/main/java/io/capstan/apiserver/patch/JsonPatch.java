package io.capstan.apiserver.patch;

import io.capstan.apiserver.errors.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 6902 JSON Patch as Kubernetes applies it with evanphx/json-patch v4. Behaviours copied from
 * that library: {@code add} on an existing member replaces it; a missing {@code value} means
 * {@code null}; array indices may be negative (counted from the end, {@code -1} is the last
 * element, and for {@code add} {@code -1} appends); {@code test} of an absent member passes when
 * the expected value is {@code null}; {@code replace} and {@code remove} need the target to exist.
 * Departure: {@code test} compares numbers by value, where the library compares their text.
 *
 * <p>A body that is not a list of operation objects is a 400; an operation that cannot be applied
 * is a 422 with Kubernetes' fixed message.
 */
final class JsonPatch {

  /** Kubernetes' maxJSONPatchOperations. */
  static final int MAX_OPERATIONS = 10_000;

  private JsonNode root;

  private JsonPatch(JsonNode root) {
    this.root = root;
  }

  static ObjectNode apply(JsonNode current, byte[] body) {
    JsonNode ops = PatchBody.parse(body);
    if (ops.isNull()) {
      // Go decodes null into an empty operation list.
      return (ObjectNode) current.deepCopy();
    }
    if (!ops.isArray()) {
      throw ApiException.badRequest("json: cannot unmarshal " + PatchBody.goKind(ops)
          + " into Go value of type jsonpatch.Patch");
    }
    for (JsonNode op : ops.values()) {
      if (!op.isObject() && !op.isNull()) {
        throw ApiException.badRequest("json: cannot unmarshal " + PatchBody.goKind(op)
            + " into Go value of type jsonpatch.Operation");
      }
    }
    if (ops.size() > MAX_OPERATIONS) {
      throw ApiException.tooLarge("Request entity too large: The allowed maximum operations in a "
          + "JSON patch is " + MAX_OPERATIONS + ", got " + ops.size());
    }
    JsonPatch patch = new JsonPatch(current.deepCopy());
    for (JsonNode op : ops.values()) {
      patch.applyOperation(op);
    }
    if (!patch.root.isObject()) {
      throw ApiException.unprocessableEntity();
    }
    return (ObjectNode) patch.root;
  }

  private void applyOperation(JsonNode op) {
    String kind = op.isObject() && op.path("op").isString() ? op.get("op").stringValue() : "";
    JsonNode value = op.isObject() && op.has("value") ? op.get("value") : NullNode.getInstance();
    switch (kind) {
      case "add" -> locate(stringField(op, "path")).add(value.deepCopy());
      case "remove" -> locate(stringField(op, "path")).remove();
      case "replace" -> replace(stringField(op, "path"), value.deepCopy());
      case "move" -> {
        Location from = locate(stringField(op, "from"));
        JsonNode moved = from.get();
        from.remove();
        locate(stringField(op, "path")).add(moved);
      }
      case "copy" -> {
        JsonNode copied = locate(stringField(op, "from")).get().deepCopy();
        locate(stringField(op, "path")).add(copied);
      }
      case "test" -> test(stringField(op, "path"), value);
      default -> throw failed();
    }
  }

  private void replace(String path, JsonNode value) {
    if (path.isEmpty()) {
      if (!value.isObject() && !value.isArray()) {
        throw failed();
      }
      root = value;
      return;
    }
    Location target = locate(path);
    target.get();
    target.set(value);
  }

  private void test(String path, JsonNode expected) {
    if (path.isEmpty()) {
      if (!JsonValues.same(root, expected)) {
        throw failed();
      }
      return;
    }
    Location target = locate(path);
    JsonNode actual = target.container.isObject() ? target.container.get(target.key) : target.get();
    boolean passes = actual == null || actual.isNull()
        ? expected.isNull()
        : JsonValues.same(actual, expected);
    if (!passes) {
      throw failed();
    }
  }

  private static String stringField(JsonNode op, String name) {
    JsonNode field = op.get(name);
    if (field == null || !field.isString()) {
      throw failed();
    }
    return field.stringValue();
  }

  /**
   * The container and final token of a pointer, as evanphx's findObject: the first segment before
   * a "/" is skipped, every intermediate segment must lead to an object or array.
   */
  private Location locate(String path) {
    String[] split = path.split("/", -1);
    if (split.length < 2) {
      throw failed();
    }
    JsonNode container = root;
    for (int i = 1; i < split.length - 1; i++) {
      JsonNode next = new Location(container, unescape(split[i])).get();
      if (next == null || !(next.isObject() || next.isArray())) {
        throw failed();
      }
      container = next;
    }
    return new Location(container, unescape(split[split.length - 1]));
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }

  private static ApiException failed() {
    return ApiException.unprocessableEntity();
  }

  /** One member of an object or one index of an array. */
  private record Location(JsonNode container, String key) {

    JsonNode get() {
      if (container instanceof ObjectNode object) {
        JsonNode value = object.get(key);
        if (value == null) {
          throw failed();
        }
        return value;
      }
      ArrayNode array = (ArrayNode) container;
      return array.get(existingIndex(array));
    }

    void set(JsonNode value) {
      if (container instanceof ObjectNode object) {
        object.set(key, value);
      } else {
        ArrayNode array = (ArrayNode) container;
        array.set(existingIndex(array), value);
      }
    }

    void add(JsonNode value) {
      if (container instanceof ObjectNode object) {
        object.set(key, value);
        return;
      }
      ArrayNode array = (ArrayNode) container;
      if (key.equals("-")) {
        array.add(value);
        return;
      }
      int index = parseIndex();
      int size = array.size() + 1;
      if (index >= size || index < -size) {
        throw failed();
      }
      array.insert(index < 0 ? index + size : index, value);
    }

    void remove() {
      if (container instanceof ObjectNode object) {
        if (object.remove(key) == null) {
          throw failed();
        }
      } else {
        ArrayNode array = (ArrayNode) container;
        array.remove(existingIndex(array));
      }
    }

    private int existingIndex(ArrayNode array) {
      int index = parseIndex();
      if (index >= array.size() || index < -array.size()) {
        throw failed();
      }
      return index < 0 ? index + array.size() : index;
    }

    private int parseIndex() {
      try {
        return Integer.parseInt(key);
      } catch (NumberFormatException e) {
        throw failed();
      }
    }
  }
}

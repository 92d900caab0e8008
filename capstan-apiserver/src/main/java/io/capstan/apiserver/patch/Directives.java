package io.capstan.apiserver.patch;

import io.capstan.apiserver.errors.ApiException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The strategic-merge-patch directives ({@code $patch}, {@code $retainKeys} and the parallel lists
 * {@code $setElementOrder/<field>} and {@code $deleteFromPrimitiveList/<field>}) and the errors
 * their misuse gives, worded as Kubernetes' mergepatch package words them.
 */
final class Directives {

  static final String PATCH = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String SET_ELEMENT_ORDER = "$setElementOrder";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

  static final String REPLACE = "replace";
  static final String DELETE = "delete";
  static final String MERGE = "merge";

  private Directives() {}

  /** Whether {@code node} is an object carrying {@code $patch: <directive>}. */
  static boolean isDirective(JsonNode node, String directive) {
    JsonNode marker = node.get(PATCH);
    return marker != null && marker.isString() && marker.stringValue().equals(directive);
  }

  /** The field a parallel-list key names: {@code $setElementOrder/containers} → containers. */
  static String parallelListField(String key, String prefix) {
    int slash = key.indexOf('/');
    if (slash < 0 || !key.substring(0, slash).equals(prefix)) {
      throw ApiException.badRequest(prefix.equals(SET_ELEMENT_ORDER)
          ? "invalid patch format of setElementOrder list"
          : "invalid patch format of primitive list");
    }
    return key.substring(slash + 1);
  }

  /**
   * A patch value as it is stored where it does not merge with anything (a new field, a replaced
   * list, a new list element): nulls are dropped from its objects, objects carrying {@code $patch}
   * are dropped, and the parallel-list and {@code $retainKeys} keys are removed. Kubernetes does the
   * first two itself and leaves the rest to the typed decode, which Capstan's trees do not have.
   * Empty when the value itself is a {@code $patch} object.
   */
  static Optional<JsonNode> strip(JsonNode value) {
    if (value instanceof ObjectNode object) {
      if (object.has(PATCH)) {
        return Optional.empty();
      }
      for (String key : List.copyOf(object.propertyNames())) {
        JsonNode member = object.get(key);
        Optional<JsonNode> kept = member.isNull() || isDirectiveKey(key)
            ? Optional.empty()
            : strip(member);
        if (kept.isPresent()) {
          object.set(key, kept.get());
        } else {
          object.remove(key);
        }
      }
      return Optional.of(object);
    }
    if (value instanceof ArrayNode array) {
      ArrayNode kept = array.arrayNode();
      for (JsonNode element : array.values()) {
        strip(element).ifPresent(kept::add);
      }
      return Optional.of(kept);
    }
    return Optional.of(value);
  }

  private static boolean isDirectiveKey(String key) {
    return key.equals(RETAIN_KEYS)
        || key.startsWith(SET_ELEMENT_ORDER + "/")
        || key.startsWith(DELETE_FROM_PRIMITIVE_LIST + "/");
  }

  static ApiException noMergeKey(JsonNode element, String mergeKey) {
    return ApiException.badRequest("map: " + JsonValues.render(element)
        + " does not contain declared merge key: " + mergeKey);
  }

  static ApiException badArgType(String expected, JsonNode actual) {
    return ApiException.badRequest("expected a " + expected + ", but received a "
        + JsonValues.goType(actual));
  }

  static ApiException badPatchType(JsonNode directive, JsonNode in) {
    return ApiException.badRequest("unknown patch type: " + JsonValues.render(directive)
        + " in map: " + JsonValues.render(in));
  }
}

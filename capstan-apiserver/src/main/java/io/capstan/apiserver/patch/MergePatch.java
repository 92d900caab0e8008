package io.capstan.apiserver.patch;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.errors.FieldError;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 7386 JSON Merge Patch as Kubernetes applies it with evanphx/json-patch v4: {@code null}
 * deletes a member, objects merge recursively, anything else (arrays included) replaces. Like that
 * library, a value that lands where there was nothing to merge into has its nested {@code null}
 * members pruned (also inside objects held in arrays), so no {@code null} is ever stored.
 *
 * <p>A body that is {@code null}, a scalar or not JSON is a 400 ("Invalid JSON Patch"); an array
 * body replaces the whole document, which then is not an object: a 422 as the decode step gives.
 */
final class MergePatch {

  private MergePatch() {}

  static ObjectNode apply(JsonNode current, byte[] body) {
    JsonNode patch;
    try {
      patch = PatchBody.parse(body);
    } catch (ApiException e) {
      throw invalidPatch();
    }
    if (patch.isArray()) {
      pruneNulls(patch);
      throw ApiException.invalid("", "", "", List.of(FieldError.invalid("patch",
          patch.toString(), "json: cannot unmarshal array into Go value of type "
              + "map[string]interface {}")));
    }
    if (!patch.isObject()) {
      throw invalidPatch();
    }
    ObjectNode doc = (ObjectNode) current.deepCopy();
    mergeObjects(doc, (ObjectNode) patch);
    return doc;
  }

  private static ApiException invalidPatch() {
    return ApiException.badRequest("Invalid JSON Patch");
  }

  private static void mergeObjects(ObjectNode doc, ObjectNode patch) {
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      String key = member.getKey();
      JsonNode value = member.getValue();
      if (value.isNull()) {
        doc.remove(key);
        continue;
      }
      JsonNode existing = doc.get(key);
      if (existing == null || existing.isNull()) {
        pruneNulls(value);
        doc.set(key, value);
      } else {
        doc.set(key, merge(existing, value));
      }
    }
  }

  private static JsonNode merge(JsonNode existing, JsonNode patch) {
    if (!existing.isObject()) {
      pruneNulls(patch);
      return patch;
    }
    if (!patch.isObject()) {
      return patch;
    }
    mergeObjects((ObjectNode) existing, (ObjectNode) patch);
    return existing;
  }

  /** Drops null members of objects, recursively; null array elements stay, as in the library. */
  private static void pruneNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(object.properties().stream()
          .filter(member -> member.getValue().isNull())
          .map(Map.Entry::getKey)
          .toList());
      object.values().forEach(MergePatch::pruneNulls);
    } else if (node.isArray()) {
      node.values().forEach(MergePatch::pruneNulls);
    }
  }
}

package io.capstan.apiserver.patch;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.patch.PatchSchema.FieldSchema;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' strategic merge patch, the apply half of
 * {@code k8s.io/apimachinery/pkg/util/strategicpatch} (StrategicMergeMapPatch with
 * MergeParallelList and IgnoreUnmatchedNulls), walking the patch and the live object together
 * while {@link PatchSchema} follows the fabric8 model for {@link PatchMeta}.
 *
 * <p>Objects merge member by member: {@code null} deletes, a member absent from the live object
 * is taken from the patch, objects recurse, lists merge per {@link ListMerge} when their field has
 * the {@code merge} strategy and are replaced otherwise, anything else is replaced. An object
 * carrying {@code $patch: replace} replaces the live one, {@code $patch: delete} empties it.
 * {@code $retainKeys} clears the live members it does not list (on any object, as upstream: the
 * retainKeys strategy only tells clients when to send it). {@code $setElementOrder/<field>} merges
 * that list first and orders the result as listed; {@code $deleteFromPrimitiveList/<field>}
 * removes values from a list after the merge.
 *
 * <p>Errors: a malformed document or directive is a 400 (upstream gives a 500 for some of these,
 * e.g. a missing merge key, which is the client's fault all the same); a list of lists is a 422.
 */
final class StrategicMergePatch {

  private StrategicMergePatch() {}

  static ObjectNode apply(JsonNode current, byte[] body, Class<?> modelClass) {
    JsonNode patch = PatchBody.parse(body);
    ObjectNode live = (ObjectNode) current.deepCopy();
    if (patch.isNull()) {
      return live;
    }
    if (!patch.isObject()) {
      throw ApiException.badRequest("json: cannot unmarshal " + PatchBody.goKind(patch)
          + " into Go value of type map[string]interface {}");
    }
    return mergeObject(live, (ObjectNode) patch, PatchSchema.of(modelClass));
  }

  /** mergeMap: merges {@code patch} into {@code live} (both may be modified) and returns it. */
  static ObjectNode mergeObject(ObjectNode live, ObjectNode patch, PatchSchema schema) {
    JsonNode directive = patch.get(Directives.PATCH);
    if (directive != null) {
      if (Directives.isDirective(patch, Directives.REPLACE)) {
        patch.remove(Directives.PATCH);
        return (ObjectNode) Directives.strip(patch).orElseThrow();
      }
      if (Directives.isDirective(patch, Directives.DELETE)) {
        return Json.object();
      }
      throw Directives.badPatchType(directive, patch);
    }
    retainKeys(live, patch);
    OrderedLists.merge(live, patch, schema);
    for (String key : List.copyOf(patch.propertyNames())) {
      mergeMember(live, key, patch.get(key), schema);
    }
    return live;
  }

  private static void retainKeys(ObjectNode live, ObjectNode patch) {
    JsonNode retained = patch.remove(Directives.RETAIN_KEYS);
    if (retained == null) {
      return;
    }
    if (!retained.isArray()) {
      throw retainKeysFormat();
    }
    Set<String> keep = new HashSet<>();
    retained.values().stream().filter(JsonNode::isString).forEach(v -> keep.add(v.stringValue()));
    for (Map.Entry<String, JsonNode> member : patch.properties()) {
      String key = member.getKey();
      boolean exempt = member.getValue().isNull()
          || key.startsWith(Directives.DELETE_FROM_PRIMITIVE_LIST)
          || key.startsWith(Directives.SET_ELEMENT_ORDER);
      if (!exempt && !keep.contains(key)) {
        throw retainKeysFormat();
      }
    }
    live.retain(keep);
  }

  private static ApiException retainKeysFormat() {
    return ApiException.badRequest("invalid patch format of retainKeys");
  }

  private static void mergeMember(ObjectNode live, String patchKey, JsonNode value,
      PatchSchema schema) {
    boolean deletionList = patchKey.startsWith(Directives.DELETE_FROM_PRIMITIVE_LIST);
    String key = deletionList
        ? Directives.parallelListField(patchKey, Directives.DELETE_FROM_PRIMITIVE_LIST)
        : patchKey;
    if (value.isNull()) {
      live.remove(key);
      return;
    }
    JsonNode existing = live.get(key);
    if (existing != null && existing.isObject() && value.isObject()) {
      FieldSchema field = schema.field(key);
      live.set(key, mergeObject((ObjectNode) existing, (ObjectNode) value, field.objectSchema()));
    } else if (existing != null && existing.isArray() && value.isArray()) {
      List<JsonNode> merged = ListMerge.mergeField(List.copyOf(existing.values()),
          List.copyOf(value.values()), schema.field(key), deletionList);
      live.set(key, arrayOf(merged));
    } else if (!deletionList) {
      // Nothing to merge with (absent, or of another type): the patch value as it stands.
      Optional<JsonNode> taken = Directives.strip(value);
      if (taken.isPresent()) {
        live.set(key, taken.get());
      } else {
        live.remove(key);
      }
    }
  }

  static ArrayNode arrayOf(Collection<JsonNode> elements) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    elements.forEach(array::add);
    return array;
  }
}

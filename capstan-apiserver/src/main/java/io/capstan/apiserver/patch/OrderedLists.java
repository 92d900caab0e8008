package io.capstan.apiserver.patch;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.patch.ListMerge.Merged;
import io.capstan.apiserver.patch.PatchSchema.FieldSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code $setElementOrder/<field>} (strategicpatch's mergePatchIntoOriginal): kubectl sends the
 * full order of a merge list next to the changed elements; the list is merged first, then ordered
 * with precedence {@code $setElementOrder} over the patch list over the live list. Processed
 * before the other members so that {@code $deleteFromPrimitiveList} applies to the ordered list.
 */
final class OrderedLists {

  private OrderedLists() {}

  static void merge(ObjectNode live, ObjectNode patch, PatchSchema schema) {
    for (String directiveKey : List.copyOf(patch.propertyNames())) {
      if (!directiveKey.startsWith(Directives.SET_ELEMENT_ORDER)) {
        continue;
      }
      JsonNode order = patch.remove(directiveKey);
      if (!order.isArray()) {
        throw Directives.badArgType("[]interface {}", order);
      }
      String key = Directives.parallelListField(directiveKey, Directives.SET_ELEMENT_ORDER);
      JsonNode liveList = live.get(key);
      JsonNode patchList = patch.get(key);
      if (liveList != null && !liveList.isArray()) {
        throw Directives.badArgType("[]interface {}", liveList);
      }
      if (patchList != null && !patchList.isArray()) {
        throw Directives.badArgType("[]interface {}", patchList);
      }
      FieldSchema field = schema.field(key);
      if (!field.merges() || (liveList == null && patchList == null)) {
        // Lists that do not merge are replaced by the patch list, in the patch's order.
        continue;
      }
      List<JsonNode> orderList = List.copyOf(order.values());
      List<JsonNode> liveElements = liveList == null ? List.of() : List.copyOf(liveList.values());
      List<JsonNode> patchElements =
          patchList == null ? List.of() : List.copyOf(patchList.values());
      Optional<String> mergeKey = field.mergeKey();
      validate(patchElements, orderList, mergeKey);

      Merged merged;
      if (patchList == null) {
        merged = new Merged(liveElements, liveElements);
      } else if (liveList == null) {
        List<JsonNode> added = new ArrayList<>();
        patchElements.forEach(e -> Directives.strip(e).ifPresent(added::add));
        merged = new Merged(added, List.of());
      } else {
        merged = ListMerge.merge(liveElements, patchElements, field.elementSchema(), mergeKey,
            false);
      }
      boolean objects = ListMerge.elementsAreObjects(liveElements, patchElements);
      if (objects && mergeKey.isEmpty()) {
        throw ApiException.badRequest("cannot merge lists without merge key");
      }
      List<JsonNode> ordered = ElementOrder.normalize(merged.list(), orderList,
          merged.serverView(), objects ? mergeKey : Optional.empty());
      live.set(key, StrategicMergePatch.arrayOf(ordered));
      patch.remove(key);
    }
  }

  /**
   * validatePatchWithSetOrderList: the patch list's elements (deletions and other directives
   * aside) must appear in the {@code $setElementOrder} list, in the same relative order.
   */
  private static void validate(List<JsonNode> patchList, List<JsonNode> order,
      Optional<String> mergeKey) {
    if (order.isEmpty() || patchList.isEmpty()) {
      return;
    }
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode element : patchList) {
      if (mergeKey.isPresent() && !element.isObject()) {
        throw Directives.badArgType("map[string]interface {}", element);
      }
      if (mergeKey.isEmpty() || !Directives.isDirective(element, Directives.DELETE)) {
        items.add(element);
      }
    }
    int p = 0;
    int o = 0;
    while (p < items.size() && o < order.size()) {
      JsonNode item = items.get(p);
      if (item.isObject() && item.has(Directives.PATCH)) {
        p++;
        continue;
      }
      if (sameElement(item, order.get(o), mergeKey)) {
        p++;
      }
      o++;
    }
    if (p < items.size()) {
      throw ApiException.badRequest("the order in patch list:\n"
          + JsonValues.render(StrategicMergePatch.arrayOf(patchList)) + "\n doesn't match "
          + Directives.SET_ELEMENT_ORDER + " list:\n"
          + JsonValues.render(StrategicMergePatch.arrayOf(order)));
    }
  }

  private static boolean sameElement(JsonNode item, JsonNode reference, Optional<String> mergeKey) {
    if (mergeKey.isEmpty()) {
      return JsonValues.same(item, reference);
    }
    String key = mergeKey.get();
    if (!item.isObject()) {
      throw Directives.badArgType("map[string]interface {}", item);
    }
    if (!reference.isObject()) {
      throw Directives.badArgType("map[string]interface {}", reference);
    }
    if (!item.has(key)) {
      throw Directives.noMergeKey(item, key);
    }
    if (!reference.has(key)) {
      throw Directives.noMergeKey(reference, key);
    }
    return JsonValues.same(item.get(key), reference.get(key));
  }
}

package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kubectl apply's client-side three-way merge ({@code CreateThreeWayMergePatch}): from the
 * configuration applied last time ({@code original}), the one applied now ({@code modified}) and
 * the live object ({@code current}), the strategic-merge patch that makes the live object match
 * the new configuration without losing what others set. Two rules make it three-way:
 * <ul>
 *   <li>a field present in {@code original} but not in {@code modified} was removed by the user,
 *       so the patch deletes it ({@code null}, or {@code $patch: delete} for an element of a
 *       keyed list, or {@code $deleteFromPrimitiveList});
 *   <li>a field of {@code current} that neither configuration mentions (a server default, a
 *       controller's annotation) is left alone; only fields of {@code modified} that differ from
 *       {@code current} are written.
 * </ul>
 * For example, with original {@code {labels: {a: 1, b: 2}}}, modified {@code {labels: {a: 1}}}
 * and current {@code {labels: {a: 1, b: 2, c: 3}}} the patch is {@code {labels: {b: null}}}: b
 * was dropped from the file, c was never the file's. An empty patch means "unchanged".
 */
final class ThreeWayPatch {

  private ThreeWayPatch() {}

  static ObjectNode compute(String kind, JsonNode original, JsonNode modified, JsonNode current) {
    return diffObjects(kind, List.of(), objectOrEmpty(original), objectOrEmpty(modified),
        objectOrEmpty(current));
  }

  private static JsonNode objectOrEmpty(JsonNode node) {
    return node != null && node.isObject() ? node : Json.object();
  }

  private static ObjectNode diffObjects(String kind, List<String> path, JsonNode original,
      JsonNode modified, JsonNode current) {
    ObjectNode patch = Json.object();
    Set<String> keys = new LinkedHashSet<>(original.propertyNames());
    keys.addAll(modified.propertyNames());
    for (String key : keys) {
      JsonNode o = original.get(key);
      JsonNode m = modified.get(key);
      JsonNode c = current.get(key);
      if (m == null) {
        if (c != null && !c.isNull()) {
          patch.putNull(key);
        }
        continue;
      }
      List<String> at = append(path, key);
      if (m.isObject() && c != null && c.isObject()) {
        ObjectNode inner = diffObjects(kind, at, o != null && o.isObject() ? o : Json.object(), m,
            c);
        if (!inner.isEmpty()) {
          patch.set(key, inner);
        }
      } else if (m.isArray() && c != null && c.isArray()) {
        diffLists(kind, at, key, o != null && o.isArray() ? o : Json.MAPPER.createArrayNode(), m, c, patch);
      } else if (c == null || !JsonEquality.same(m, c)) {
        patch.set(key, m);
      }
    }
    return patch;
  }

  private static void diffLists(String kind, List<String> path, String key, JsonNode original,
      JsonNode modified, JsonNode current, ObjectNode patch) {
    MergeKeys.ListKind listKind = MergeKeys.of(kind, path);
    switch (listKind) {
      case MergeKeys.ByKey(String mergeKey) -> {
        if (!allHave(modified, mergeKey) || !allHave(current, mergeKey)) {
          replaceIfDifferent(key, modified, current, patch);
          return;
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        boolean changed = false;
        for (JsonNode o : original) {
          if (o.has(mergeKey) && find(modified, mergeKey, o.get(mergeKey)).isEmpty()
              && find(current, mergeKey, o.get(mergeKey)).isPresent()) {
            ObjectNode delete = Json.object();
            delete.put("$patch", "delete");
            delete.set(mergeKey, o.get(mergeKey));
            out.add(delete);
          }
        }
        for (JsonNode m : modified) {
          Optional<JsonNode> c = find(current, mergeKey, m.get(mergeKey));
          if (c.isEmpty()) {
            out.add(m);
            changed = true;
            continue;
          }
          JsonNode o = find(original, mergeKey, m.get(mergeKey)).orElse(Json.object());
          ObjectNode inner = diffObjects(kind, path, o, m, c.get());
          if (!inner.isEmpty()) {
            ObjectNode element = Json.object();
            element.set(mergeKey, m.get(mergeKey));
            element.setAll(inner);
            out.add(element);
            changed = true;
          }
        }
        if (!out.isEmpty()) {
          patch.set(key, out);
        }
        if (changed) {
          // As kubectl does, so that the server keeps the manifest's order of the elements.
          ArrayNode order = patch.putArray("$setElementOrder/" + key);
          modified.forEach(m -> order.addObject().set(mergeKey, m.get(mergeKey)));
        }
      }
      case MergeKeys.Primitives p -> {
        ArrayNode added = Json.MAPPER.createArrayNode();
        modified.forEach(m -> {
          if (!contains(current, m)) {
            added.add(m);
          }
        });
        ArrayNode removed = Json.MAPPER.createArrayNode();
        original.forEach(o -> {
          if (!contains(modified, o) && contains(current, o)) {
            removed.add(o);
          }
        });
        if (!added.isEmpty()) {
          patch.set(key, added);
        }
        if (!removed.isEmpty()) {
          patch.set("$deleteFromPrimitiveList/" + key, removed);
        }
      }
      case MergeKeys.Atomic a -> replaceIfDifferent(key, modified, current, patch);
    }
  }

  private static void replaceIfDifferent(String key, JsonNode modified, JsonNode current,
      ObjectNode patch) {
    if (!JsonEquality.same(modified, current)) {
      patch.set(key, modified);
    }
  }

  private static boolean allHave(JsonNode list, String mergeKey) {
    for (JsonNode element : list) {
      if (!element.isObject() || !element.has(mergeKey)) {
        return false;
      }
    }
    return true;
  }

  private static Optional<JsonNode> find(JsonNode list, String mergeKey, JsonNode value) {
    for (JsonNode element : list) {
      if (element.isObject() && element.has(mergeKey)
          && JsonEquality.same(element.get(mergeKey), value)) {
        return Optional.of(element);
      }
    }
    return Optional.empty();
  }

  private static boolean contains(JsonNode list, JsonNode value) {
    for (JsonNode element : list) {
      if (JsonEquality.same(element, value)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> append(List<String> path, String key) {
    List<String> out = new ArrayList<>(path);
    out.add(key);
    return List.copyOf(out);
  }
}

package io.capstan.apiserver.patch;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.patch.PatchSchema.FieldSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merging of lists with the {@code merge} strategy (strategicpatch's mergeSlice): elements of a
 * list of objects are matched by merge key, merged recursively, deleted with
 * {@code $patch: delete} and appended when new; {@code $patch: replace} replaces the whole list;
 * lists of primitives merge as sets, and {@code $deleteFromPrimitiveList/<field>} removes values.
 */
final class ListMerge {

  /**
   * A merged list and what upstream's caller still sees through the live list's Go slice after the
   * merge ({@code serverView}): deleting shifts elements left inside the same array and new
   * elements are appended into the freed slots, so {@code $setElementOrder} processing orders
   * server-only items against that view rather than the list as it was. The view is emulated so
   * the resulting orders match Kubernetes'.
   */
  record Merged(List<JsonNode> list, List<JsonNode> serverView) {}

  private ListMerge() {}

  /** The merged value of a list field whose live and patch values are both arrays. */
  static List<JsonNode> mergeField(List<JsonNode> live, List<JsonNode> patch, FieldSchema field,
      boolean deletionList) {
    if (!field.merges() && !deletionList) {
      return Directives.strip(StrategicMergePatch.arrayOf(patch)).map(JsonNode::values)
          .map(List::copyOf).orElseThrow();
    }
    return merge(live, patch, field.elementSchema(), field.mergeKey(), deletionList).list();
  }

  static Merged merge(List<JsonNode> live, List<JsonNode> patch, PatchSchema elementSchema,
      Optional<String> mergeKey, boolean deletionList) {
    if (live.isEmpty() && patch.isEmpty()) {
      return new Merged(live, live);
    }
    if (!elementsAreObjects(live, patch)) {
      return mergePrimitives(live, patch, mergeKey, deletionList);
    }
    String key = mergeKey.orElseThrow(() -> ApiException.badRequest(
        "cannot merge lists without merge key"));
    LiveSlice slice = new LiveSlice(live);
    List<JsonNode> regular = new ArrayList<>();
    boolean replace = false;
    for (JsonNode element : patch) {
      JsonNode directive = element.get(Directives.PATCH);
      if (directive == null) {
        regular.add(element);
      } else if (Directives.isDirective(element, Directives.DELETE)) {
        JsonNode value = element.get(key);
        if (value == null) {
          throw Directives.noMergeKey(element, key);
        }
        slice.deleteAll(key, value);
      } else if (Directives.isDirective(element, Directives.REPLACE)) {
        replace = true;
      } else if (Directives.isDirective(element, Directives.MERGE)) {
        throw ApiException.badRequest("merging lists cannot yet be specified in the patch");
      } else {
        throw Directives.badPatchType(directive, element);
      }
    }
    if (replace) {
      List<JsonNode> replaced = new ArrayList<>();
      regular.forEach(e -> Directives.strip(e).ifPresent(replaced::add));
      return new Merged(ElementOrder.normalize(replaced, List.of(), replaced, mergeKey),
          slice.view());
    }
    List<JsonNode> survivors = slice.contents();
    for (JsonNode element : regular) {
      JsonNode value = element.get(key);
      if (value == null) {
        throw Directives.noMergeKey(element, key);
      }
      int index = slice.indexOf(key, value);
      if (index >= 0) {
        slice.set(index, StrategicMergePatch.mergeObject(
            (ObjectNode) slice.get(index), (ObjectNode) element, elementSchema));
      } else {
        slice.append(Directives.strip(element).orElseThrow());
      }
    }
    return new Merged(ElementOrder.normalize(slice.contents(), regular, survivors, mergeKey),
        slice.view());
  }

  private static Merged mergePrimitives(List<JsonNode> live, List<JsonNode> patch,
      Optional<String> mergeKey, boolean deletionList) {
    if (deletionList) {
      List<JsonNode> kept = new ArrayList<>();
      for (JsonNode value : live) {
        if (patch.stream().noneMatch(p -> JsonValues.same(p, value))) {
          kept.add(value);
        }
      }
      return new Merged(kept, live);
    }
    List<JsonNode> union = new ArrayList<>();
    for (JsonNode value : concat(live, patch)) {
      if (union.stream().noneMatch(u -> JsonValues.same(u, value))) {
        union.add(value);
      }
    }
    return new Merged(ElementOrder.normalize(union, patch, live, mergeKey), live);
  }

  /**
   * Whether the elements are objects, checking they are all of one kind as sliceElementType does.
   * Lists of lists are a 422, as Kubernetes answers ErrNoListOfLists.
   */
  static boolean elementsAreObjects(List<JsonNode> first, List<JsonNode> second) {
    String kind = null;
    for (JsonNode element : concat(first, second)) {
      if (element.isArray()) {
        throw ApiException.unprocessableEntity();
      }
      if (element.isNull()) {
        throw ApiException.badRequest("list elements may not be null");
      }
      String elementKind = element.isObject() ? "object" : element.isNumber() ? "number"
          : element.getNodeType().name();
      if (kind != null && !kind.equals(elementKind)) {
        throw ApiException.badRequest("list element types are not identical: "
            + JsonValues.render(StrategicMergePatch.arrayOf(first)) + " "
            + JsonValues.render(StrategicMergePatch.arrayOf(second)));
      }
      kind = elementKind;
    }
    return "object".equals(kind);
  }

  private static List<JsonNode> concat(List<JsonNode> first, List<JsonNode> second) {
    List<JsonNode> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /**
   * The live list as the Go slice upstream edits in place: deletions shift the tail left within
   * the array and shorten the slice, appends write into the freed slots first.
   */
  private static final class LiveSlice {
    private final List<JsonNode> array;
    private final int originalLength;
    private int length;

    LiveSlice(List<JsonNode> live) {
      this.array = new ArrayList<>(live);
      this.originalLength = live.size();
      this.length = live.size();
    }

    void deleteAll(String key, JsonNode value) {
      for (int index = indexOf(key, value); index >= 0; index = indexOf(key, value)) {
        for (int i = index; i < length - 1; i++) {
          array.set(i, array.get(i + 1));
        }
        length--;
      }
    }

    int indexOf(String key, JsonNode value) {
      for (int i = 0; i < length; i++) {
        JsonNode candidate = array.get(i).get(key);
        if (candidate != null && JsonValues.same(candidate, value)) {
          return i;
        }
      }
      return -1;
    }

    JsonNode get(int index) {
      return array.get(index);
    }

    void set(int index, JsonNode value) {
      array.set(index, value);
    }

    void append(JsonNode value) {
      if (length < array.size()) {
        array.set(length, value);
      } else {
        array.add(value);
      }
      length++;
    }

    List<JsonNode> contents() {
      return List.copyOf(array.subList(0, length));
    }

    /** What a slice of the original length over the same array shows. */
    List<JsonNode> view() {
      return List.copyOf(array.subList(0, originalLength));
    }
  }
}

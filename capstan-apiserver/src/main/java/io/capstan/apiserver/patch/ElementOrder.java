package io.capstan.apiserver.patch;

import io.capstan.apiserver.errors.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The order of a merged list, as strategicpatch's normalizeElementOrder decides it. The merged items
 * are split into those the patch (or its {@code $setElementOrder} list) names and the server-only
 * rest; each part is sorted by its own reference order, then the two are interleaved by the live
 * order, a patch item going first whenever the live order cannot place it.
 *
 * <p>Worked example (upstream's "add an item in a list of primitives and preserve order"): live
 * {@code [1, 4, 2]}, patch {@code [3]} with {@code $setElementOrder [3, 1, 2]}. Patch items
 * {@code [3, 1, 2]}, server-only {@code [4]}. Interleaving: 3 is not live, so it goes first; 1 is
 * live before 4, so 1; 4 is live before 2, so 4; then 2: {@code [3, 1, 4, 2]}.
 *
 * <p>Items are identified by their merge key, or by value in lists of primitives.
 */
final class ElementOrder {

  private ElementOrder() {}

  /**
   * Orders {@code merged} given the order the patch asks for ({@code patchOrder}, the patch list or
   * the {@code $setElementOrder} list) and the live order ({@code serverOrder}).
   */
  static List<JsonNode> normalize(List<JsonNode> merged, List<JsonNode> patchOrder,
      List<JsonNode> serverOrder, Optional<String> mergeKey) {
    List<JsonNode> patchItems = new ArrayList<>();
    List<JsonNode> serverOnly = new ArrayList<>();
    if (mergeKey.isPresent() && !merged.isEmpty()) {
      requireObjects(patchOrder);
    }
    for (JsonNode item : merged) {
      if (mergeKey.isPresent()) {
        requireMergeKey(item, mergeKey.get());
      }
      (indexOf(patchOrder, item, mergeKey) >= 0 ? patchItems : serverOnly).add(item);
    }
    List<JsonNode> patchSorted = sortBy(patchItems, patchOrder, mergeKey);
    List<JsonNode> serverSorted = sortBy(serverOnly, serverOrder, mergeKey);
    return interleave(serverSorted, patchSorted, serverOrder, mergeKey);
  }

  /**
   * Stable sort by position in {@code order}; {@code $patch: delete} items go last, as in
   * normalizeSliceOrder (they only occur in lists taken from a patch).
   */
  private static List<JsonNode> sortBy(List<JsonNode> items, List<JsonNode> order,
      Optional<String> mergeKey) {
    List<JsonNode> kept = new ArrayList<>();
    List<JsonNode> deletions = new ArrayList<>();
    for (JsonNode item : items) {
      if (mergeKey.isPresent()) {
        requireMergeKey(item, mergeKey.get());
      }
      (mergeKey.isPresent() && Directives.isDirective(item, Directives.DELETE) ? deletions : kept)
          .add(item);
    }
    if (mergeKey.isPresent()) {
      order.forEach(reference -> requireMergeKey(reference, mergeKey.get()));
    }
    kept.sort(Comparator.comparingInt(item -> {
      int index = indexOf(order, item, mergeKey);
      return index < 0 ? Integer.MAX_VALUE : index;
    }));
    kept.addAll(deletions);
    return kept;
  }

  /** mergeSortedSlice: both inputs keep their relative order; the live order decides between them. */
  private static List<JsonNode> interleave(List<JsonNode> serverOnly, List<JsonNode> patchItems,
      List<JsonNode> serverOrder, Optional<String> mergeKey) {
    List<JsonNode> out = new ArrayList<>(serverOnly.size() + patchItems.size());
    int i = 0;
    int j = 0;
    while (i < serverOnly.size() || j < patchItems.size()) {
      if (i >= serverOnly.size()) {
        out.add(patchItems.get(j++));
      } else if (j >= patchItems.size()) {
        out.add(serverOnly.get(i++));
      } else {
        int left = indexOf(serverOrder, serverOnly.get(i), mergeKey);
        int right = indexOf(serverOrder, patchItems.get(j), mergeKey);
        if (left >= 0 && right >= 0 && left < right) {
          out.add(serverOnly.get(i++));
        } else {
          out.add(patchItems.get(j++));
        }
      }
    }
    return out;
  }

  /** The first position of {@code item} in {@code list}, by merge key or by value. */
  static int indexOf(List<JsonNode> list, JsonNode item, Optional<String> mergeKey) {
    JsonNode wanted = identity(item, mergeKey);
    for (int i = 0; i < list.size(); i++) {
      if (wanted != null && JsonValues.same(wanted, identity(list.get(i), mergeKey))) {
        return i;
      }
    }
    return -1;
  }

  private static JsonNode identity(JsonNode item, Optional<String> mergeKey) {
    return mergeKey.isPresent() ? item.get(mergeKey.get()) : item;
  }

  private static void requireMergeKey(JsonNode item, String mergeKey) {
    if (!item.isObject()) {
      throw Directives.badArgType("map[string]interface {}", item);
    }
    if (!item.has(mergeKey)) {
      throw Directives.noMergeKey(item, mergeKey);
    }
  }

  private static void requireObjects(List<JsonNode> list) {
    for (int i = 0; i < list.size(); i++) {
      if (!list.get(i).isObject()) {
        throw ApiException.badRequest(
            "value for key " + i + " is not a map");
      }
    }
  }
}

package io.capstan.store;

import java.util.List;

/**
 * A page of a list.
 *
 * @param items the keys in key order
 * @param revision the revision the list was read at; pass it back to read the next page
 *     consistently
 * @param remaining how many more keys match after this page (0 when this is the last page)
 */
public record ListResult(List<KeyValue> items, long revision, long remaining) {

  public ListResult {
    items = List.copyOf(items);
  }

  public boolean hasMore() {
    return remaining > 0;
  }
}

package io.capstan.apiserver.table;

import java.util.Optional;

/**
 * The list metadata a Table repeats from the list it renders: the list's resource version, the
 * continue token of a paginated list and how many items remain.
 */
public record ListMeta(
    Optional<String> resourceVersion, Optional<String> continueToken,
    Optional<Long> remainingItemCount) {

  public static ListMeta of(String resourceVersion) {
    return new ListMeta(Optional.ofNullable(resourceVersion), Optional.empty(), Optional.empty());
  }
}

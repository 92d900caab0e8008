package io.capstan.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A list of the keys under {@code prefix}.
 *
 * @param prefix keys that start with this string
 * @param revision the revision to read at; 0 reads the newest
 * @param limit at most this many items; 0 means no limit
 * @param startAfter continue after this key (exclusive), as a previous page's last key
 */
public record ListRequest(String prefix, long revision, int limit, Optional<String> startAfter) {

  public ListRequest {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(startAfter, "startAfter");
    if (revision < 0) {
      throw new IllegalArgumentException("revision must be >= 0");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0");
    }
  }

  public static ListRequest all(String prefix) {
    return new ListRequest(prefix, 0, 0, Optional.empty());
  }

  public ListRequest atRevision(long newRevision) {
    return new ListRequest(prefix, newRevision, limit, startAfter);
  }

  public ListRequest withLimit(int newLimit) {
    return new ListRequest(prefix, revision, newLimit, startAfter);
  }

  public ListRequest startingAfter(String key) {
    return new ListRequest(prefix, revision, limit, Optional.of(key));
  }
}

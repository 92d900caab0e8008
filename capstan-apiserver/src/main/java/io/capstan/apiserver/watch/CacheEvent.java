package io.capstan.apiserver.watch;

import java.util.Optional;

/**
 * A change the cache applied. {@code object} is the new state (for DELETED, the last state stamped
 * with the revision of the deletion); {@code previous} is the state before, when there was one.
 * Watch consumers need both to turn a change that moves an object out of a selector into DELETED.
 */
public record CacheEvent(Type type, CachedObject object, Optional<CachedObject> previous) {

  public enum Type { ADDED, MODIFIED, DELETED }

  public long revision() {
    return object.revision();
  }

  public String key() {
    return object.key();
  }
}

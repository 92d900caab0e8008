package io.capstan.store.support;

import io.capstan.store.StoreException;
import java.util.Optional;

/**
 * The compare-and-swap rules of the {@link io.capstan.store.Store} contract, written once for
 * every backend: each method looks at the newest record of a key and either returns the record
 * the write appends at {@code revision} or throws why the write is refused.
 */
public final class Mutations {

  private Mutations() {}

  public static LogRecord create(
      Optional<LogRecord> latest, String key, byte[] value, long revision) {
    if (isLive(latest)) {
      throw new StoreException.KeyExists(key);
    }
    return new LogRecord(revision, key, true, false, revision, 0, value, Optional.empty());
  }

  public static LogRecord update(
      Optional<LogRecord> latest, String key, byte[] value, long expectedModRevision,
      long revision) {
    LogRecord current = requireCurrent(latest, key, expectedModRevision);
    return new LogRecord(revision, key, false, false, current.createRevision(),
        current.revision(), value, Optional.of(current.value()));
  }

  /** {@code expectedModRevision} 0 deletes whatever the key holds. */
  public static LogRecord delete(
      Optional<LogRecord> latest, String key, long expectedModRevision, long revision) {
    LogRecord current = expectedModRevision == 0
        ? requireLive(latest, key)
        : requireCurrent(latest, key, expectedModRevision);
    return new LogRecord(revision, key, false, true, current.createRevision(),
        current.revision(), current.value(), Optional.empty());
  }

  private static LogRecord requireCurrent(
      Optional<LogRecord> latest, String key, long expectedModRevision) {
    LogRecord current = requireLive(latest, key);
    if (current.revision() != expectedModRevision) {
      throw new StoreException.Conflict(current.toKeyValue());
    }
    return current;
  }

  private static LogRecord requireLive(Optional<LogRecord> latest, String key) {
    if (!isLive(latest)) {
      throw new StoreException.KeyNotFound(key);
    }
    return latest.orElseThrow();
  }

  private static boolean isLive(Optional<LogRecord> latest) {
    return latest.isPresent() && !latest.get().deleted();
  }
}

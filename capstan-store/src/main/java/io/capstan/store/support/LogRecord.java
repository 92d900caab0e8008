package io.capstan.store.support;

import io.capstan.store.KeyValue;
import io.capstan.store.WatchEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * One write as the log keeps it: kine's row shape. A creation has {@code created}; a deletion has
 * {@code deleted} and carries the deleted value in {@code value}; an update carries the value it
 * replaced in {@code oldValue}. {@code prevRevision} is the revision of the record this one
 * superseded (0 for a creation), which is what lets compaction find superseded records without
 * scanning every key.
 */
public record LogRecord(
    long revision,
    String key,
    boolean created,
    boolean deleted,
    long createRevision,
    long prevRevision,
    byte[] value,
    Optional<byte[]> oldValue) {

  public LogRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(oldValue, "oldValue");
  }

  /** The key's value as this record leaves it; for a deletion, the deleted value. */
  public KeyValue toKeyValue() {
    return new KeyValue(key, value, createRevision, revision);
  }

  public WatchEvent toEvent() {
    if (deleted) {
      return new WatchEvent(WatchEvent.Type.DELETE, toKeyValue(),
          Optional.of(new KeyValue(key, value, createRevision, prevRevision)));
    }
    Optional<KeyValue> previous = created
        ? Optional.empty()
        : oldValue.map(old -> new KeyValue(key, old, createRevision, prevRevision));
    return new WatchEvent(WatchEvent.Type.PUT, toKeyValue(), previous);
  }
}

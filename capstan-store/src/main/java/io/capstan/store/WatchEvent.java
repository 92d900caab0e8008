package io.capstan.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One change. For {@link Type#PUT}, {@code kv} is the new value. For {@link Type#DELETE},
 * {@code kv} holds the value the key had before it was deleted, stamped with the revision of the
 * deletion. {@code previous} is the value before the change, when the key existed.
 */
public record WatchEvent(Type type, KeyValue kv, Optional<KeyValue> previous) {

  public enum Type { PUT, DELETE }

  public WatchEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kv, "kv");
    Objects.requireNonNull(previous, "previous");
  }

  public long revision() {
    return kv.modRevision();
  }

  /** A PUT that created the key, rather than updating it. */
  public boolean isCreate() {
    return type == Type.PUT && kv.createRevision() == kv.modRevision();
  }
}

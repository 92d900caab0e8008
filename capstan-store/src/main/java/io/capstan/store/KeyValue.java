package io.capstan.store;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One key's value as of {@code modRevision}. {@code createRevision} is the revision that created
 * this incarnation of the key (a key deleted and created again starts a new incarnation).
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {

  public KeyValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  public String valueAsString() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyValue other
        && key.equals(other.key)
        && java.util.Arrays.equals(value, other.value)
        && createRevision == other.createRevision
        && modRevision == other.modRevision;
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, java.util.Arrays.hashCode(value), createRevision, modRevision);
  }

  @Override
  public String toString() {
    return "KeyValue[" + key + "@" + modRevision + " (created " + createRevision + "), "
        + value.length + " bytes]";
  }
}

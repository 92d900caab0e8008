package io.capstan.apiserver.watch;

import io.capstan.apiserver.json.Json;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * An object as the cache holds it: decoded once, with {@code metadata.resourceVersion} set. The tree
 * is shared by every reader and must never be mutated; copy it ({@code deepCopy()}) to change it.
 *
 * <p>Its JSON form is written on first use and kept, as the Kubernetes watch cache keeps an
 * object's serialization: a change that 200 watchers receive is serialized once, not 200 times.
 * A version that only the cache's event history still holds is {@linkplain #retire() retired} to
 * that JSON alone, a fraction of the tree's size; the rare watcher that resumes that far back
 * decodes it again.
 */
public final class CachedObject {

  private final String key;
  private final long revision;
  private volatile ObjectNode object;
  private volatile byte[] json;

  public CachedObject(String key, ObjectNode object, long revision) {
    this.key = key;
    this.object = object;
    this.revision = revision;
  }

  public String key() {
    return key;
  }

  /** The object as a tree; shared, so callers must not modify it. */
  public ObjectNode object() {
    ObjectNode tree = object;
    // A retired version is decoded for each reader rather than kept: it is read rarely.
    return tree != null ? tree : (ObjectNode) Json.MAPPER.readTree(json);
  }

  public long revision() {
    return revision;
  }

  /** The object as JSON bytes; shared, so callers must not modify the array. */
  public byte[] json() {
    byte[] bytes = json;
    if (bytes == null) {
      // Two threads may both serialize on first use; they produce equal bytes, either may win.
      bytes = Json.MAPPER.writeValueAsBytes(object);
      json = bytes;
    }
    return bytes;
  }

  boolean isRetired() {
    return object == null;
  }

  /** Keeps only the JSON form; {@link #object()} decodes it from then on. */
  void retire() {
    json();
    object = null;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CachedObject that && revision == that.revision
        && key.equals(that.key) && object().equals(that.object());
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, revision);
  }

  @Override
  public String toString() {
    return "CachedObject[key=" + key + ", revision=" + revision + "]";
  }
}

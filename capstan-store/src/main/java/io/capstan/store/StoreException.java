package io.capstan.store;

/** Why a store operation failed. Each case maps to one Kubernetes status in the API server. */
public abstract sealed class StoreException extends RuntimeException {

  protected StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public static final class KeyExists extends StoreException {
    public KeyExists(String key) {
      super("key already exists: " + key, null);
    }
  }

  public static final class KeyNotFound extends StoreException {
    public KeyNotFound(String key) {
      super("key not found: " + key, null);
    }
  }

  /** A compare-and-swap lost: the key is at another revision now. */
  public static final class Conflict extends StoreException {
    private final transient KeyValue current;

    public Conflict(KeyValue current) {
      super("key " + current.key() + " is at revision " + current.modRevision(), null);
      this.current = current;
    }

    public KeyValue current() {
      return current;
    }
  }

  /** The requested revision is older than the oldest retained one. */
  public static final class Compacted extends StoreException {
    private final long compactedRevision;

    public Compacted(long requested, long compactedRevision) {
      super("revision " + requested + " has been compacted; oldest is " + compactedRevision, null);
      this.compactedRevision = compactedRevision;
    }

    public long compactedRevision() {
      return compactedRevision;
    }
  }

  /** The requested revision does not exist yet. */
  public static final class FutureRevision extends StoreException {
    public FutureRevision(long requested, long current) {
      super("revision " + requested + " is newer than the current revision " + current, null);
    }
  }

  /** The backend failed (I/O, closed store); the write may or may not have happened. */
  public static final class Unavailable extends StoreException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}

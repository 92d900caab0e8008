package io.capstan.store;

import java.util.Optional;

/**
 * A revisioned key/value store in etcd's model, the only thing the API server persists through.
 *
 * <p>Every successful write advances one global revision and stamps the written key with it
 * ({@link KeyValue#modRevision()}), so the revision is at once a logical clock, a compare-and-swap
 * token and a watch cursor. Writes are linearizable; a method returns only after its write is
 * durable. History older than {@link #compactedRevision()} is gone: lists and watches that ask for
 * it fail with {@link StoreException.Compacted}.
 *
 * <p>Implementations are thread-safe. Methods block; callers keep them off event loops.
 */
public interface Store extends AutoCloseable {

  /** The revision of the newest committed write; 0 for a store that was never written. */
  long currentRevision();

  /** The oldest revision that can still be listed at or watched from. */
  long compactedRevision();

  /**
   * Creates {@code key} if it is absent.
   *
   * @throws StoreException.KeyExists if the key is present
   */
  KeyValue create(String key, byte[] value);

  /**
   * Replaces the value of {@code key} if its modRevision is still {@code expectedModRevision}.
   *
   * @throws StoreException.KeyNotFound if the key is absent
   * @throws StoreException.Conflict if the key was written since, carrying its current state
   */
  KeyValue update(String key, byte[] value, long expectedModRevision);

  /**
   * Deletes {@code key} if its modRevision is still {@code expectedModRevision}, or whatever it
   * holds when {@code expectedModRevision} is 0. Returns the deleted value stamped with the
   * revision of the deletion.
   *
   * @throws StoreException.KeyNotFound if the key is absent
   * @throws StoreException.Conflict if the key was written since
   */
  KeyValue delete(String key, long expectedModRevision);

  /** The current value of {@code key}. */
  Optional<KeyValue> get(String key);

  /**
   * Keys under a prefix, in key order, as they were at a revision.
   *
   * @throws StoreException.Compacted if the requested revision was compacted
   * @throws StoreException.FutureRevision if the requested revision is newer than the store
   */
  ListResult list(ListRequest request);

  /**
   * Streams every change under {@code prefix} with a revision greater than {@code afterRevision}:
   * first the retained history, then live changes, in revision order, each exactly once. Events are
   * delivered on a thread of the store's; a slow listener delays only its own watch.
   *
   * @throws StoreException.Compacted if {@code afterRevision} is below {@link
   *     #compactedRevision()}
   */
  Watch watch(String prefix, long afterRevision, WatchListener listener);

  /**
   * Whether other processes may write to this store at the same time (several API servers on one
   * etcd cluster): what a server would otherwise keep in memory alone, such as which Service
   * addresses are taken, must then be decided in the store.
   */
  default boolean isShared() {
    return false;
  }

  /**
   * Whether {@link Watch#requestProgress()} is answered, in order with the events. Without it a
   * watcher learns of revisions only from events under its prefix (and from progress the store
   * reports on its own, if any), so it cannot tell when it has caught up with a revision that
   * carried no event for it.
   */
  default boolean supportsProgressRequests() {
    return false;
  }

  /**
   * Forgets superseded values and deletions at or below {@code revision}. The newest value of
   * every key is kept, so lists at {@code revision} and later still work. Compacting at or below
   * {@link #compactedRevision()} does nothing.
   *
   * @throws StoreException.FutureRevision if {@code revision} is newer than the store
   */
  void compact(long revision);

  /**
   * Releases resources; watches end with {@link WatchListener#onClose(java.util.Optional)}.
   * Closing twice is harmless.
   */
  @Override
  void close();
}

package io.capstan.store.memory;

import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.ListResult;
import io.capstan.store.Store;
import io.capstan.store.StoreException;
import io.capstan.store.Watch;
import io.capstan.store.WatchListener;
import io.capstan.store.support.EventHistory;
import io.capstan.store.support.LogRecord;
import io.capstan.store.support.Mutations;
import io.capstan.store.support.WatchHub;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A {@link Store} in memory. Every operation runs under one lock, and each write publishes its
 * event before releasing it, which keeps events in revision order. Values are copied on the way
 * in; the arrays handed out are shared with watchers and must not be modified.
 */
public final class MemoryStore implements Store {

  private final ReentrantLock lock = new ReentrantLock();
  private final MemoryLog log = new MemoryLog();
  private final WatchHub hub;
  private boolean closed;

  public MemoryStore() {
    this(WatchHub.DEFAULT_QUEUE_CAPACITY);
  }

  /** @param watchQueueCapacity live events a watch buffers before it re-reads history */
  public MemoryStore(int watchQueueCapacity) {
    EventHistory history = (prefix, after, max) ->
        locked(() -> log.eventsAfter(prefix, after, max));
    this.hub = new WatchHub(history, watchQueueCapacity);
  }

  @Override
  public long currentRevision() {
    return locked(log::revision);
  }

  @Override
  public long compactedRevision() {
    return locked(log::compactedRevision);
  }

  @Override
  public KeyValue create(String key, byte[] value) {
    byte[] copy = value.clone();
    return write(() -> Mutations.create(log.latest(key), key, copy, log.revision() + 1));
  }

  @Override
  public KeyValue update(String key, byte[] value, long expectedModRevision) {
    byte[] copy = value.clone();
    return write(() ->
        Mutations.update(log.latest(key), key, copy, expectedModRevision, log.revision() + 1));
  }

  @Override
  public KeyValue delete(String key, long expectedModRevision) {
    Objects.requireNonNull(key, "key");
    return write(() ->
        Mutations.delete(log.latest(key), key, expectedModRevision, log.revision() + 1));
  }

  @Override
  public Optional<KeyValue> get(String key) {
    Objects.requireNonNull(key, "key");
    return locked(() -> log.latest(key).filter(r -> !r.deleted()).map(LogRecord::toKeyValue));
  }

  @Override
  public ListResult list(ListRequest request) {
    return locked(() -> log.list(request));
  }

  @Override
  public boolean supportsProgressRequests() {
    return true;
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(listener, "listener");
    return locked(() -> {
      if (afterRevision < log.compactedRevision()) {
        throw new StoreException.Compacted(afterRevision, log.compactedRevision());
      }
      return hub.open(prefix, afterRevision, listener);
    });
  }

  @Override
  public void compact(long revision) {
    locked(() -> {
      log.compact(revision);
      return revision;
    });
  }

  /** How many records the log retains, for tests of compaction. */
  public int retainedRecords() {
    return locked(log::size);
  }

  @Override
  public void close() {
    hub.close();
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  private KeyValue write(Supplier<LogRecord> mutation) {
    return locked(() -> {
      LogRecord record = mutation.get();
      log.append(record);
      hub.publish(List.of(record.toEvent()));
      return record.toKeyValue();
    });
  }

  private <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      if (closed) {
        throw new StoreException.Unavailable("store is closed", null);
      }
      return action.get();
    } finally {
      lock.unlock();
    }
  }
}

package io.capstan.apiserver.watch;

import io.capstan.apiserver.json.Json;
import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.ListResult;
import io.capstan.store.Store;
import io.capstan.store.StoreException;
import io.capstan.store.Watch;
import io.capstan.store.WatchEvent;
import io.capstan.store.WatchListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-memory mirror of everything under one store prefix, fed by a single store watch, that
 * serves lists, gets and watches without touching the store (Kubernetes' "cacher").
 *
 * <p>It also keeps a window of recent events so that a client can resume a watch from a
 * resourceVersion it saw earlier. On start the window is filled from the store's retained history
 * (it lists at an older revision and replays from there), so a watch resumed across a server
 * restart still receives the events it missed.
 *
 * <p>Every read and every watch registration happens under one read/write lock with event
 * application, so a list's items and its revision always agree, and a watch registered "at"
 * revision R sees exactly the events after R.
 */
public final class WatchCache implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WatchCache.class);
  /**
   * How many superseded versions stay decoded: enough for watchers a little behind the head to
   * filter and send without decoding again, few enough that a long history (50,000 events by
   * default) is held as compact JSON rather than trees.
   */
  static final int RETIRE_AFTER = 2048;
  private static final long PROGRESS_RETRY_NANOS = Duration.ofMillis(100).toNanos();

  private final Store store;
  private final String prefix;
  private final int historyCapacity;
  private final int watcherQueueCapacity;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Condition advanced = lock.writeLock().newCondition();
  private final NavigableMap<String, CachedObject> objects = new java.util.TreeMap<>();
  private final ArrayDeque<CacheEvent> history = new ArrayDeque<>();
  /** Versions only the history holds, retired once {@link #RETIRE_AFTER} newer ones followed. */
  private final ArrayDeque<CachedObject> superseded = new ArrayDeque<>();
  private final Set<CacheWatch> watchers = ConcurrentHashMap.newKeySet();
  private long revision;
  /** Events with a revision above this are all in {@link #history}. */
  private long historyFloor;
  private volatile boolean failed;
  private Watch storeWatch;

  public WatchCache(Store store, String prefix, int historyCapacity, int watcherQueueCapacity) {
    this.store = store;
    this.prefix = prefix;
    this.historyCapacity = historyCapacity;
    this.watcherQueueCapacity = watcherQueueCapacity;
  }

  /**
   * Loads the cache and starts following the store. Returns once the cache has caught up with the
   * store's revision at the time of the call.
   *
   * <p>On a store that answers progress requests the cache lists at an older revision and replays
   * the retained history from there, so that watches resumed from before the start still work.
   * Elsewhere (etcd before 3.4.31 / 3.5.13) it could not tell when the replay is over, since the
   * newest revision may carry no event under the prefix (a new etcd is at revision 1 with nothing
   * in it): it lists at the newest revision instead, as Kubernetes' watch cache does, and keeps
   * history from then on.
   */
  public void start(Duration timeout) throws TimeoutException, InterruptedException {
    long current = store.currentRevision();
    long floor = store.supportsProgressRequests()
        ? Math.max(0, Math.max(store.compactedRevision(), current - historyCapacity))
        : current;
    // The state at revision 0 is empty, and a store list "at 0" would mean "newest".
    List<KeyValue> initial = List.of();
    if (floor > 0) {
      try {
        initial = store.list(ListRequest.all(prefix).atRevision(floor)).items();
      } catch (StoreException.Compacted e) {
        // Compaction raced with the start: begin at the newest revision, without history.
        ListResult newest = store.list(ListRequest.all(prefix));
        initial = newest.items();
        floor = newest.revision();
      }
    }
    long listedAt = floor;
    lock.writeLock().lock();
    try {
      for (KeyValue kv : initial) {
        objects.put(kv.key(), decode(kv));
      }
      revision = listedAt;
      historyFloor = listedAt;
    } finally {
      lock.writeLock().unlock();
    }
    storeWatch = store.watch(prefix, listedAt, new Listener());
    waitForRevision(current, timeout);
    LOG.debug("watch cache started prefix={} objects={} revision={} historyFloor={}",
        prefix, objects.size(), revision, historyFloor);
  }

  /** The newest revision the cache has applied. */
  public long revision() {
    lock.readLock().lock();
    try {
      return revision;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Waits until the cache has applied {@code target}; used for consistent reads. The store's
   * revision may have moved on without an event under the prefix (keys elsewhere in the store,
   * another user of etcd), so the wait asks the store watch for progress, again now and then in
   * case the store had not yet published the revision when it answered.
   */
  public void waitForRevision(long target, Duration timeout)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.writeLock().lock();
    try {
      while (revision < target) {
        if (failed) {
          throw new TimeoutException("watch cache stopped following the store");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException("watch cache at " + revision + ", waiting for " + target);
        }
        if (storeWatch != null) {
          storeWatch.requestProgress();
        }
        advanced.awaitNanos(Math.min(left, PROGRESS_RETRY_NANOS));
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** A consistent snapshot of the objects under {@code keyPrefix}, in key order. */
  public Snapshot list(String keyPrefix) {
    lock.readLock().lock();
    try {
      List<CachedObject> items = new ArrayList<>(
          objects.subMap(keyPrefix, true, keyPrefix + Character.MAX_VALUE, false).values());
      return new Snapshot(items, revision);
    } finally {
      lock.readLock().unlock();
    }
  }

  public Optional<CachedObject> get(String key) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(objects.get(key));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Watches {@code keyPrefix} from {@code afterRevision}: first the remembered events after it,
   * then live ones.
   *
   * @throws StoreException.Compacted when the cache no longer remembers that far back
   */
  public CacheWatch watch(String keyPrefix, long afterRevision) {
    lock.readLock().lock();
    try {
      if (afterRevision < historyFloor) {
        throw new StoreException.Compacted(afterRevision, historyFloor);
      }
      CacheWatch watch = newWatch(keyPrefix);
      for (CacheEvent event : history) {
        if (event.revision() > afterRevision && event.key().startsWith(keyPrefix)) {
          watch.offer(event);
        }
      }
      watchers.add(watch);
      return watch;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The current objects under {@code keyPrefix} and a watch for what happens after them. */
  public WatchStart watchWithInitialState(String keyPrefix) {
    lock.readLock().lock();
    try {
      Snapshot snapshot = list(keyPrefix);
      CacheWatch watch = newWatch(keyPrefix);
      watchers.add(watch);
      return new WatchStart(snapshot, watch);
    } finally {
      lock.readLock().unlock();
    }
  }

  private CacheWatch newWatch(String keyPrefix) {
    CacheWatch[] self = new CacheWatch[1];
    self[0] = new CacheWatch(keyPrefix, watcherQueueCapacity, () -> watchers.remove(self[0]));
    return self[0];
  }

  @Override
  public void close() {
    if (storeWatch != null) {
      storeWatch.close();
    }
    for (CacheWatch watch : List.copyOf(watchers)) {
      watch.close();
    }
  }

  private void apply(WatchEvent event) {
    CachedObject object = decode(event.kv());
    lock.writeLock().lock();
    try {
      CachedObject previous = event.type() == WatchEvent.Type.DELETE
          ? objects.remove(object.key())
          : objects.put(object.key(), object);
      CacheEvent.Type type = event.type() == WatchEvent.Type.DELETE
          ? CacheEvent.Type.DELETED
          : previous == null ? CacheEvent.Type.ADDED : CacheEvent.Type.MODIFIED;
      if (type == CacheEvent.Type.DELETED && previous == null) {
        // Deleted before the cache ever saw it (it was created and deleted within the history
        // window before the list revision); nothing to tell anyone.
        revision = event.revision();
        advanced.signalAll();
        return;
      }
      CacheEvent cacheEvent = new CacheEvent(type, object, Optional.ofNullable(previous));
      history.addLast(cacheEvent);
      if (previous != null) {
        superseded.addLast(previous);
      }
      if (type == CacheEvent.Type.DELETED) {
        superseded.addLast(object);
      }
      while (superseded.size() > RETIRE_AFTER) {
        superseded.removeFirst().retire();
      }
      while (history.size() > historyCapacity) {
        historyFloor = history.removeFirst().revision();
      }
      revision = event.revision();
      for (CacheWatch watch : watchers) {
        if (object.key().startsWith(watch.prefix())) {
          watch.offer(cacheEvent);
        }
      }
      advanced.signalAll();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static CachedObject decode(KeyValue kv) {
    ObjectNode object = (ObjectNode) Json.MAPPER.readTree(kv.value());
    ObjectNode meta = object.get("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
    meta.put("resourceVersion", Long.toString(kv.modRevision()));
    return new CachedObject(kv.key(), object, kv.modRevision());
  }

  /** A list result: items and the revision they are current at. */
  public record Snapshot(List<CachedObject> items, long revision) {}

  /** The state a watch without a resourceVersion begins with, and the watch itself. */
  public record WatchStart(Snapshot initial, CacheWatch watch) {}

  private final class Listener implements WatchListener {
    @Override
    public void onEvent(WatchEvent event) {
      try {
        apply(event);
      } catch (RuntimeException e) {
        LOG.error("watch cache could not apply revision {} of {}", event.revision(),
            event.kv().key(), e);
      }
    }

    @Override
    public void onProgress(long progress) {
      lock.writeLock().lock();
      try {
        if (progress > revision) {
          revision = progress;
          advanced.signalAll();
        }
      } finally {
        lock.writeLock().unlock();
      }
    }

    @Override
    public void onClose(Optional<StoreException> error) {
      error.ifPresent(e -> {
        LOG.error("watch cache lost its store watch", e);
        failed = true;
      });
    }
  }
}

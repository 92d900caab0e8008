package io.capstan.store.support;

import io.capstan.store.StoreException;
import io.capstan.store.Watch;
import io.capstan.store.WatchEvent;
import io.capstan.store.WatchListener;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * The watches of one store. The store's writer calls {@link #publish} after each commit, always
 * in revision order and never concurrently; each watch then delivers on its own virtual thread.
 */
public final class WatchHub implements AutoCloseable {

  /** How many live events a watch buffers before it falls back to reading history. */
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private final EventHistory history;
  private final int queueCapacity;
  private final Set<WatchStream> streams = ConcurrentHashMap.newKeySet();
  private final ThreadFactory threads = Thread.ofVirtual().name("store-watch-", 0).factory();
  private volatile boolean closed;

  public WatchHub(EventHistory history, int queueCapacity) {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be >= 1");
    }
    this.history = history;
    this.queueCapacity = queueCapacity;
  }

  /** Starts a watch of events after {@code afterRevision}; the caller checked compaction. */
  public Watch open(String prefix, long afterRevision, WatchListener listener) {
    if (closed) {
      throw new StoreException.Unavailable("store is closed", null);
    }
    WatchStream stream = new WatchStream(
        prefix, afterRevision, listener, history, queueCapacity, streams::remove);
    streams.add(stream);
    stream.start(threads);
    if (closed) {
      stream.close();
    }
    return stream;
  }

  public void publish(List<WatchEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    for (WatchStream stream : streams) {
      stream.offer(events);
    }
  }

  /** How many watches are running. */
  public int size() {
    return streams.size();
  }

  /** Ends every watch and waits briefly for their listeners to return. */
  @Override
  public void close() {
    closed = true;
    List<WatchStream> running = List.copyOf(streams);
    running.forEach(WatchStream::close);
    running.forEach(stream -> stream.awaitEnd(CLOSE_GRACE));
  }
}

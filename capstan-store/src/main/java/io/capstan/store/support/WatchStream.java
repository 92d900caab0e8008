package io.capstan.store.support;

import io.capstan.store.StoreException;
import io.capstan.store.Watch;
import io.capstan.store.WatchEvent;
import io.capstan.store.WatchListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch: a delivery thread of its own and a bounded queue of live events.
 *
 * <p>Why it never loses or repeats an event: {@code delivered} is the revision up to which every
 * matching event has reached the listener. The stream starts "behind" ({@code catchUpNeeded}), and
 * while it is behind the publisher drops live events instead of queueing them. The delivery thread
 * clears the flag and only then reads the history: every event published before the flag was
 * cleared was committed before the read began, so the read contains it; every event published
 * after lands in the queue. Events that are in both are skipped because their revision is not
 * above {@code delivered}. When the queue overflows the publisher empties it and sets the flag
 * again, so a slow listener costs a bounded amount of memory and catches up from the history.
 */
final class WatchStream implements Watch {

  private static final Logger LOG = LoggerFactory.getLogger(WatchStream.class);
  private static final int HISTORY_PAGE = 512;

  private final String prefix;
  private final WatchListener listener;
  private final EventHistory history;
  private final int queueCapacity;
  private final Consumer<WatchStream> onEnd;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<WatchEvent> queue = new ArrayDeque<>();
  private boolean catchUpNeeded = true;
  private boolean progressRequested;
  /** The revision of the newest event published to this stream, matching or not. */
  private long publishedThrough;
  private volatile boolean closeRequested;
  private long delivered;
  private Thread thread;

  WatchStream(String prefix, long afterRevision, WatchListener listener, EventHistory history,
      int queueCapacity, Consumer<WatchStream> onEnd) {
    this.prefix = prefix;
    this.delivered = afterRevision;
    this.listener = listener;
    this.history = history;
    this.queueCapacity = queueCapacity;
    this.onEnd = onEnd;
  }

  void start(ThreadFactory threads) {
    thread = threads.newThread(this::run);
    thread.start();
  }

  /** Called by the store's single publisher, in revision order. */
  void offer(List<WatchEvent> events) {
    lock.lock();
    try {
      if (!events.isEmpty()) {
        publishedThrough = Math.max(publishedThrough, events.getLast().revision());
      }
      if (closeRequested || catchUpNeeded) {
        return;
      }
      for (WatchEvent event : events) {
        if (!event.kv().key().startsWith(prefix)) {
          continue;
        }
        if (queue.size() >= queueCapacity) {
          queue.clear();
          catchUpNeeded = true;
          break;
        }
        queue.add(event);
      }
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void requestProgress() {
    lock.lock();
    try {
      progressRequested = true;
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closeRequested = true;
      queue.clear();
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Waits for the delivery thread to finish, unless called from it. */
  void awaitEnd(Duration timeout) {
    if (thread == null || Thread.currentThread() == thread) {
      return;
    }
    try {
      if (!thread.join(timeout)) {
        LOG.warn("watch listener did not return in time; leaving it behind, prefix={}", prefix);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    Optional<StoreException> error = Optional.empty();
    try {
      deliverUntilClosed();
    } catch (StoreException e) {
      error = Optional.of(e);
    } catch (RuntimeException e) {
      LOG.warn("watch listener failed; ending the watch, prefix={}", prefix, e);
      error = Optional.of(new StoreException.Unavailable("watch listener failed", e));
    } finally {
      onEnd.accept(this);
      notifyClosed(closeRequested ? Optional.empty() : error);
    }
  }

  private void deliverUntilClosed() {
    while (true) {
      boolean catchUp;
      boolean progress;
      long through;
      List<WatchEvent> batch;
      lock.lock();
      try {
        while (!closeRequested && !catchUpNeeded && queue.isEmpty() && !progressRequested) {
          changed.awaitUninterruptibly();
        }
        if (closeRequested) {
          return;
        }
        catchUp = catchUpNeeded;
        catchUpNeeded = false;
        progress = progressRequested;
        progressRequested = false;
        // Every event up to here is in the batch or, when catching up, in the history read below.
        through = publishedThrough;
        batch = new ArrayList<>(queue);
        queue.clear();
      } finally {
        lock.unlock();
      }
      if (catchUp) {
        catchUpFromHistory();
      }
      deliver(batch);
      if (progress && !closeRequested) {
        listener.onProgress(Math.max(delivered, through));
      }
    }
  }

  private void catchUpFromHistory() {
    while (!closeRequested) {
      EventHistory.Page page = history.eventsAfter(prefix, delivered, HISTORY_PAGE);
      deliver(page.events());
      if (closeRequested) {
        return;
      }
      delivered = Math.max(delivered, page.throughRevision());
      if (page.events().size() < HISTORY_PAGE) {
        return;
      }
    }
  }

  private void deliver(List<WatchEvent> events) {
    for (WatchEvent event : events) {
      if (closeRequested) {
        return;
      }
      if (event.revision() > delivered) {
        listener.onEvent(event);
        delivered = event.revision();
      }
    }
  }

  private void notifyClosed(Optional<StoreException> error) {
    try {
      listener.onClose(error);
    } catch (RuntimeException e) {
      LOG.warn("watch listener failed while closing, prefix={}", prefix, e);
    }
  }
}

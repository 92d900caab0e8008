package io.capstan.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A watch listener that records what it receives; optionally it blocks in its first event until
 * {@link #release()}, to play a slow consumer. It also notices if it is ever called on two threads
 * at once, which the contract forbids.
 */
public final class RecordingListener implements WatchListener {

  private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong progress =
      new java.util.concurrent.atomic.AtomicLong();
  private final AtomicReference<Optional<StoreException>> closedWith = new AtomicReference<>();
  private final AtomicInteger closeCount = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean overlapped = new AtomicBoolean();
  private final CountDownLatch gate;

  private RecordingListener(boolean blocked) {
    gate = new CountDownLatch(blocked ? 1 : 0);
  }

  public static RecordingListener recording() {
    return new RecordingListener(false);
  }

  /** A listener that waits in {@link #onEvent} until {@link #release()} is called. */
  public static RecordingListener blocked() {
    return new RecordingListener(true);
  }

  public void release() {
    gate.countDown();
  }

  @Override
  public void onEvent(WatchEvent event) {
    if (inFlight.incrementAndGet() > 1) {
      overlapped.set(true);
    }
    try {
      gate.await();
      events.add(event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public void onProgress(long revision) {
    progress.accumulateAndGet(revision, Math::max);
  }

  /** The newest revision a progress report named; 0 before any. */
  public long progress() {
    return progress.get();
  }

  @Override
  public void onClose(Optional<StoreException> error) {
    closedWith.set(error);
    closeCount.incrementAndGet();
  }

  public List<WatchEvent> events() {
    return List.copyOf(events);
  }

  public List<Long> revisions() {
    return events.stream().map(WatchEvent::revision).toList();
  }

  public List<String> keys() {
    return events.stream().map(e -> e.kv().key()).toList();
  }

  public boolean isClosed() {
    return closedWith.get() != null;
  }

  /** Why the watch ended; empty while it runs or when it ended normally. */
  public Optional<StoreException> closeError() {
    Optional<StoreException> error = closedWith.get();
    return error == null ? Optional.empty() : error;
  }

  public int closeCount() {
    return closeCount.get();
  }

  /** Whether a call to {@link #onEvent} is running now (a blocked listener waits inside it). */
  public boolean isInsideOnEvent() {
    return inFlight.get() > 0;
  }

  /** Whether two calls ever ran at the same time. */
  public boolean overlapped() {
    return overlapped.get();
  }
}

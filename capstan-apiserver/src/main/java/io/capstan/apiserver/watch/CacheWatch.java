package io.capstan.apiserver.watch;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One watcher's view of the cache: the events under its prefix, in revision order, from a bounded
 * queue. A watcher that falls so far behind that its queue fills is closed rather than allowed to
 * hold the cache back; its client re-watches from the last revision it saw, as Kubernetes' clients
 * do after any watch ends.
 */
public final class CacheWatch implements AutoCloseable {

  private final String prefix;
  private final BlockingQueue<CacheEvent> queue;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Runnable onClose;

  CacheWatch(String prefix, int capacity, Runnable onClose) {
    this.prefix = prefix;
    this.queue = new LinkedBlockingQueue<>(capacity);
    this.onClose = onClose;
  }

  String prefix() {
    return prefix;
  }

  /** Called by the cache with its lock held; never blocks. */
  void offer(CacheEvent event) {
    if (closed.get()) {
      return;
    }
    if (!queue.offer(event)) {
      close();
    }
  }

  /**
   * The next event, waiting at most {@code timeout}; empty on timeout, or when the watch is closed
   * and drained (check {@link #isClosed()}).
   */
  public Optional<CacheEvent> next(Duration timeout) throws InterruptedException {
    CacheEvent event = queue.poll();
    if (event != null) {
      return Optional.of(event);
    }
    if (closed.get()) {
      return Optional.empty();
    }
    return Optional.ofNullable(queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
  }

  /** True once closed and every queued event has been taken. */
  public boolean isClosed() {
    return closed.get() && queue.isEmpty();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      onClose.run();
    }
  }
}

package io.capstan.store.sqlite;

import io.capstan.store.Store;
import io.capstan.store.StoreException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts a store at a fixed interval, keeping the newest {@code retainedRevisions} revisions of
 * history, the way kube-apiserver asks etcd to compact every five minutes. Without it the log
 * would grow with every write for ever.
 */
final class AutoCompactor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AutoCompactor.class);

  private final Store store;
  private final long retainedRevisions;
  private final ScheduledExecutorService scheduler;

  AutoCompactor(Store store, Duration interval, long retainedRevisions) {
    this.store = store;
    this.retainedRevisions = retainedRevisions;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("sqlite-store-compactor").daemon().factory());
    long millis = Math.max(1, interval.toMillis());
    scheduler.scheduleWithFixedDelay(this::compactOnce, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void compactOnce() {
    try {
      long target = store.currentRevision() - retainedRevisions;
      if (target > store.compactedRevision()) {
        store.compact(target);
      }
    } catch (StoreException e) {
      LOG.warn("automatic compaction failed", e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

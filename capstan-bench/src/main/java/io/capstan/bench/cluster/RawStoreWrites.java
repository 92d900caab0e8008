package io.capstan.bench.cluster;

import io.capstan.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference for the rollout: the same number of writes straight into a {@link SqliteStore}
 * (default options, durable commits) in a fresh temporary directory, by {@link #WRITERS}
 * concurrent writers, each a create of a distinct key with a value the size of a simulated pod.
 */
final class RawStoreWrites {

  /**
   * The server's writes come from many independent requests at once (controllers, the scheduler,
   * twenty simulated nodes); 16 writers let the store's group commit batch about as much as it can
   * there, which is fair to the reference.
   */
  static final int WRITERS = 16;
  static final int VALUE_BYTES = 2_048;

  private RawStoreWrites() {}

  static Duration time(long writes) throws Exception {
    Path dir = Files.createTempDirectory("capstan-bench-store");
    byte[] value = new byte[VALUE_BYTES];
    Arrays.fill(value, (byte) 'x');
    AtomicLong next = new AtomicLong();
    try (SqliteStore store = SqliteStore.open(dir.resolve("store.db"),
            SqliteStore.Options.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
      long started = System.nanoTime();
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        writers.add(pool.submit(() -> {
          for (long i = next.getAndIncrement(); i < writes; i = next.getAndIncrement()) {
            store.create("/registry/pods/default/web-" + i, value);
          }
        }));
      }
      for (Future<?> writer : writers) {
        writer.get();
      }
      return Duration.ofNanos(System.nanoTime() - started);
    } finally {
      Tree.delete(dir);
    }
  }
}

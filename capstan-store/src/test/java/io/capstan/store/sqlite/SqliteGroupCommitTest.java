package io.capstan.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.store.KeyValue;
import io.capstan.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that wait together commit together. To make "together" deterministic instead of a
 * matter of timing, the test holds SQLite's write lock from a connection of its own: the writer
 * blocks on its first transaction while every other write queues up behind it.
 */
class SqliteGroupCommitTest {

  private static final int WRITES = 64;

  @TempDir
  Path dir;

  @Test
  void queuedWritesCommitInOneTransaction() throws Exception {
    Path file = dir.resolve("store.db");
    SqliteStore.Options options = SqliteStore.Options.defaults()
        .withBusyTimeout(Duration.ofSeconds(30));
    try (SqliteStore store = SqliteStore.open(file, options);
        Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + file);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      WriterMetrics before = store.metrics();
      execute(blocker, "BEGIN IMMEDIATE");
      List<Future<KeyValue>> writes = new ArrayList<>();
      for (int i = 0; i < WRITES; i++) {
        String key = "/k/" + i;
        writes.add(pool.submit(() -> store.create(key, key.getBytes(StandardCharsets.UTF_8))));
      }
      await().atMost(Duration.ofSeconds(30))
          .until(() -> store.metrics().submitted() == before.submitted() + WRITES);
      execute(blocker, "ROLLBACK");

      for (Future<KeyValue> write : writes) {
        write.get();
      }
      WriterMetrics after = store.metrics();
      assertThat(after.operations() - before.operations()).isEqualTo(WRITES);
      assertThat(after.transactions() - before.transactions()).isLessThanOrEqualTo(2);
      assertThat(store.currentRevision()).isEqualTo(WRITES);
    }
  }

  @Test
  void aRefusedWriteFailsAloneInsideItsBatch() throws Exception {
    Path file = dir.resolve("store.db");
    SqliteStore.Options options = SqliteStore.Options.defaults()
        .withBusyTimeout(Duration.ofSeconds(30));
    try (SqliteStore store = SqliteStore.open(file, options);
        Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + file);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      store.create("/first", new byte[0]);
      WriterMetrics before = store.metrics();
      execute(blocker, "BEGIN IMMEDIATE");
      Future<KeyValue> unblocked = pool.submit(() -> store.create("/unblocked", new byte[0]));
      await().atMost(Duration.ofSeconds(30))
          .until(() -> store.metrics().submitted() == before.submitted() + 1);
      Future<KeyValue> created = pool.submit(() -> store.create("/same", bytes("one")));
      await().atMost(Duration.ofSeconds(30))
          .until(() -> store.metrics().submitted() == before.submitted() + 2);
      Future<KeyValue> duplicate = pool.submit(() -> store.create("/same", bytes("two")));
      await().atMost(Duration.ofSeconds(30))
          .until(() -> store.metrics().submitted() == before.submitted() + 3);
      Future<KeyValue> other = pool.submit(() -> store.create("/other", bytes("three")));
      await().atMost(Duration.ofSeconds(30))
          .until(() -> store.metrics().submitted() == before.submitted() + 4);
      execute(blocker, "ROLLBACK");

      unblocked.get();
      assertThat(created.get().valueAsString()).isEqualTo("one");
      assertThat(other.get().modRevision()).isEqualTo(created.get().modRevision() + 1);
      assertThat(duplicate).failsWithin(Duration.ofSeconds(10))
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(StoreException.KeyExists.class);
      assertThat(store.get("/same").orElseThrow().valueAsString()).isEqualTo("one");
      assertThat(store.metrics().transactions() - before.transactions()).isLessThanOrEqualTo(2);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void execute(Connection connection, String sql) throws Exception {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}

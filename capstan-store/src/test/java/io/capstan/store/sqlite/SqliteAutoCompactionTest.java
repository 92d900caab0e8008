package io.capstan.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.store.KeyValue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAutoCompactionTest {

  private static final int RETAINED = 10;
  private static final int KEYS = 3;

  @TempDir
  Path dir;

  @Test
  void automaticCompactionBoundsTheHistoryAndKeepsEveryKey() throws Exception {
    Path file = dir.resolve("store.db");
    SqliteStore.Options options = SqliteStore.Options.defaults()
        .withCompaction(Duration.ofMillis(20), RETAINED);
    KeyValue[] latest = new KeyValue[KEYS];
    try (SqliteStore store = SqliteStore.open(file, options)) {
      byte[] value = new byte[4096];
      for (int k = 0; k < KEYS; k++) {
        latest[k] = store.create("/k/" + k, value);
      }
      for (int i = 0; i < 300; i++) {
        int k = i % KEYS;
        Arrays.fill(value, (byte) i);
        latest[k] = store.update("/k/" + k, value, latest[k].modRevision());
        store.create("/gone/" + i, value);
        store.delete("/gone/" + i, 0);
      }
      long end = store.currentRevision();

      await().atMost(Duration.ofSeconds(10))
          .until(() -> store.compactedRevision() == end - RETAINED);
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
        // What is left: the retained revisions, plus the value each key had at the compacted
        // revision (the three counters and at most one "gone" key created just before it).
        await().atMost(Duration.ofSeconds(10))
            .until(() -> count(db, "SELECT COUNT(*) FROM log") <= RETAINED + KEYS + 1
                && count(db, "PRAGMA freelist_count") == 0);
      }
      for (int k = 0; k < KEYS; k++) {
        assertThat(store.get("/k/" + k)).contains(latest[k]);
      }
    }
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}

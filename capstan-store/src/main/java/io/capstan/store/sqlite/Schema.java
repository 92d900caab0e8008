package io.capstan.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.sqlite.SQLiteConfig;

/**
 * The file layout and connection settings. {@code synchronous=FULL} in WAL mode makes every commit
 * fsync the WAL, so an acknowledged write survives a crash of the process or of the machine.
 */
final class Schema {

  /** The columns a {@link io.capstan.store.support.LogRecord} is read from, in this order. */
  static final String RECORD_COLUMNS =
      "id, name, created, deleted, create_revision, prev_revision, value, old_value";

  static final String COMPACT_REVISION = "compact_revision";

  /** The WAL is cut back to this size after each checkpoint so it cannot grow for ever. */
  private static final long WAL_SIZE_LIMIT_BYTES = 64L * 1024 * 1024;

  private static final String[] TABLES = {
    """
    CREATE TABLE IF NOT EXISTS log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL,
      created INTEGER NOT NULL,
      deleted INTEGER NOT NULL,
      create_revision INTEGER NOT NULL,
      prev_revision INTEGER NOT NULL,
      value BLOB NOT NULL,
      old_value BLOB
    )""",
    "CREATE INDEX IF NOT EXISTS log_name_id ON log (name, id)",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    "INSERT OR IGNORE INTO meta (name, value) VALUES ('" + COMPACT_REVISION + "', 0)",
  };

  private Schema() {}

  /** Opens the single write connection, creating the file and tables when they are missing. */
  static Connection openWriter(Path file, Duration busyTimeout) throws SQLException {
    Connection connection = config(busyTimeout).createConnection(url(file));
    try (Statement statement = connection.createStatement()) {
      // auto_vacuum only takes effect before the first table exists, so it comes first.
      statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
      statement.execute("PRAGMA journal_mode = WAL");
      statement.execute("PRAGMA journal_size_limit = " + WAL_SIZE_LIMIT_BYTES);
      statement.execute("BEGIN IMMEDIATE");
      for (String ddl : TABLES) {
        statement.execute(ddl);
      }
      statement.execute("COMMIT");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /** Opens a read-only connection; open the writer first so the tables exist. */
  static Connection openReader(Path file, Duration busyTimeout) throws SQLException {
    Connection connection = config(busyTimeout).createConnection(url(file));
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA query_only = 1");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  private static SQLiteConfig config(Duration busyTimeout) {
    SQLiteConfig config = new SQLiteConfig();
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    return config;
  }

  private static String url(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }
}

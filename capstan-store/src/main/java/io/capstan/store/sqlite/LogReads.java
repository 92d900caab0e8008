package io.capstan.store.sqlite;

import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.ListResult;
import io.capstan.store.StoreException;
import io.capstan.store.WatchEvent;
import io.capstan.store.support.EventHistory;
import io.capstan.store.support.LogRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The queries over the log table. Callers run the ones that must agree with each other (the
 * revision, the compaction mark and the rows) inside one transaction, which is one snapshot.
 */
final class LogReads {

  /** For each key in range, its newest row at or below a revision. */
  private static final String LATEST_AT = """
      SELECT MAX(id) AS id FROM log WHERE id <= ? AND %s GROUP BY name""";

  private LogReads() {}

  /** The newest revision ever assigned, even if compaction removed its row since. */
  static long lastRevision(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
            "SELECT seq FROM sqlite_sequence WHERE name = 'log'");
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  static long compactedRevision(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT value FROM meta WHERE name = ?")) {
      statement.setString(1, Schema.COMPACT_REVISION);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  /** The newest row of {@code key}, a deletion included. */
  static Optional<LogRecord> latest(Connection connection, String key) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT "
        + Schema.RECORD_COLUMNS + " FROM log WHERE name = ? ORDER BY id DESC LIMIT 1")) {
      statement.setString(1, key);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(readRecord(rows)) : Optional.empty();
      }
    }
  }

  static ListResult list(Connection connection, ListRequest request) throws SQLException {
    long current = lastRevision(connection);
    long at = request.revision() == 0 ? current : request.revision();
    checkReadable(connection, at, current);
    KeyRangeSql range = KeyRangeSql.of(request.prefix(), request.startAfter());
    String sql = "SELECT " + qualified("l") + " FROM (" + LATEST_AT.formatted(range.condition())
        + ") AS latest JOIN log AS l ON l.id = latest.id WHERE l.deleted = 0"
        + " ORDER BY l.name LIMIT ?";
    List<KeyValue> items = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, at);
      int next = range.bind(statement, 2);
      statement.setInt(next, request.limit() == 0 ? -1 : request.limit());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          items.add(readRecord(rows).toKeyValue());
        }
      }
    }
    long remaining = request.limit() > 0 && items.size() == request.limit()
        ? countAfter(connection, request.prefix(), items.getLast().key(), at)
        : 0;
    return new ListResult(items, at, remaining);
  }

  static EventHistory.Page eventsAfter(
      Connection connection, String prefix, long afterRevision, int max) throws SQLException {
    long compacted = compactedRevision(connection);
    if (afterRevision < compacted) {
      throw new StoreException.Compacted(afterRevision, compacted);
    }
    long current = lastRevision(connection);
    KeyRangeSql range = KeyRangeSql.of(prefix, Optional.empty());
    String sql = "SELECT " + Schema.RECORD_COLUMNS + " FROM log WHERE id > ? AND "
        + range.condition() + " ORDER BY id LIMIT ?";
    List<WatchEvent> events = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, afterRevision);
      statement.setInt(range.bind(statement, 2), max);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          events.add(readRecord(rows).toEvent());
        }
      }
    }
    long through = events.size() == max ? events.getLast().revision() : current;
    return new EventHistory.Page(events, through);
  }

  private static long countAfter(Connection connection, String prefix, String lastKey, long at)
      throws SQLException {
    KeyRangeSql range = KeyRangeSql.of(prefix, Optional.of(lastKey));
    String sql = "SELECT COUNT(*) FROM (" + LATEST_AT.formatted(range.condition())
        + ") AS latest JOIN log AS l ON l.id = latest.id WHERE l.deleted = 0";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, at);
      range.bind(statement, 2);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static void checkReadable(Connection connection, long at, long current)
      throws SQLException {
    if (at > current) {
      throw new StoreException.FutureRevision(at, current);
    }
    long compacted = compactedRevision(connection);
    if (at < compacted) {
      throw new StoreException.Compacted(at, compacted);
    }
  }

  private static LogRecord readRecord(ResultSet rows) throws SQLException {
    byte[] value = rows.getBytes(7);
    byte[] oldValue = rows.getBytes(8);
    Optional<byte[]> old = rows.wasNull() ? Optional.empty() : Optional.of(orEmpty(oldValue));
    return new LogRecord(rows.getLong(1), rows.getString(2), rows.getBoolean(3),
        rows.getBoolean(4), rows.getLong(5), rows.getLong(6), orEmpty(value), old);
  }

  /** A zero-length blob may come back as null; the value column is never SQL NULL. */
  private static byte[] orEmpty(byte[] bytes) {
    return bytes == null ? new byte[0] : bytes;
  }

  private static String qualified(String alias) {
    return alias + "." + Schema.RECORD_COLUMNS.replace(", ", ", " + alias + ".");
  }
}

package io.capstan.store.sqlite;

import io.capstan.store.support.LogRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/** The statements only the writer runs, inside its transaction. */
final class LogWrites {

  private LogWrites() {}

  /**
   * Appends a record. The id is given explicitly (the writer is the only one and knows the next
   * revision); AUTOINCREMENT still moves its high-water mark, so ids never go back, even after the
   * newest rows are compacted away.
   */
  static void insert(Connection connection, LogRecord record) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("INSERT INTO log ("
        + Schema.RECORD_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      statement.setLong(1, record.revision());
      statement.setString(2, record.key());
      statement.setBoolean(3, record.created());
      statement.setBoolean(4, record.deleted());
      statement.setLong(5, record.createRevision());
      statement.setLong(6, record.prevRevision());
      statement.setBytes(7, record.value());
      if (record.oldValue().isPresent()) {
        statement.setBytes(8, record.oldValue().get());
      } else {
        statement.setNull(8, Types.BLOB);
      }
      statement.executeUpdate();
    }
  }

  /**
   * Deletes the rows superseded at or below {@code target} and the deletions at or below it.
   * Every row names the row it superseded ({@code prev_revision}), so only rows written since the
   * previous compaction ({@code from}) are visited. The superseded rows must go first: the
   * deletion rows are what point at the values they deleted.
   */
  static int compact(Connection connection, long from, long target) throws SQLException {
    int removed;
    try (PreparedStatement superseded = connection.prepareStatement("""
        DELETE FROM log WHERE id IN (
          SELECT prev_revision FROM log WHERE id > ? AND id <= ? AND prev_revision > 0)""")) {
      superseded.setLong(1, from);
      superseded.setLong(2, target);
      removed = superseded.executeUpdate();
    }
    try (PreparedStatement deletions = connection.prepareStatement(
        "DELETE FROM log WHERE id > ? AND id <= ? AND deleted = 1")) {
      deletions.setLong(1, from);
      deletions.setLong(2, target);
      removed += deletions.executeUpdate();
    }
    try (PreparedStatement mark = connection.prepareStatement(
        "UPDATE meta SET value = ? WHERE name = ?")) {
      mark.setLong(1, target);
      mark.setString(2, Schema.COMPACT_REVISION);
      mark.executeUpdate();
    }
    return removed;
  }

  /** Gives the pages compaction freed back to the file system; runs outside a transaction. */
  static void reclaimSpace(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // execute() would step the pragma once, freeing one page; executeUpdate() runs it through.
      statement.executeUpdate("PRAGMA incremental_vacuum");
      statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
    }
  }
}

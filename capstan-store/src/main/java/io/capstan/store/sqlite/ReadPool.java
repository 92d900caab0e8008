package io.capstan.store.sqlite;

import io.capstan.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of read-only connections. Each read runs in its own transaction, so everything it
 * queries comes from one snapshot; in WAL mode these snapshots never wait for the writer.
 */
final class ReadPool implements AutoCloseable {

  /** A read on one connection. */
  @FunctionalInterface
  interface Read<T> {
    T apply(Connection connection) throws SQLException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(ReadPool.class);
  private static final long CLOSE_WAIT_SECONDS = 5;

  private final List<Connection> connections;
  private final BlockingQueue<Connection> idle;
  private volatile boolean closed;

  ReadPool(List<Connection> connections) {
    this.connections = List.copyOf(connections);
    this.idle = new ArrayBlockingQueue<>(connections.size(), false, connections);
  }

  <T> T read(Read<T> read) {
    Connection connection = borrow();
    try {
      if (closed) {
        throw new StoreException.Unavailable("store is closed", null);
      }
      execute(connection, "BEGIN");
      T result;
      try {
        result = read.apply(connection);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection);
        throw e;
      }
      execute(connection, "COMMIT");
      return result;
    } catch (SQLException e) {
      throw new StoreException.Unavailable("store read failed", e);
    } finally {
      idle.add(connection);
    }
  }

  /** Waits a little for reads in progress, then closes every connection. */
  @Override
  public void close() {
    closed = true;
    List<Connection> returned = new ArrayList<>();
    try {
      for (int i = 0; i < connections.size(); i++) {
        Connection connection = idle.poll(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        if (connection == null) {
          break;
        }
        returned.add(connection);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Connection connection : connections) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.warn("cannot close a store read connection", e);
      }
    }
    // Hand the closed connections back so that late readers fail instead of waiting for ever.
    idle.addAll(returned);
  }

  private Connection borrow() {
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException.Unavailable("interrupted while waiting for a connection", e);
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      execute(connection, "ROLLBACK");
    } catch (SQLException e) {
      LOG.debug("rollback of a read transaction failed", e);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}

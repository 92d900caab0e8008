package io.capstan.store.sqlite;

import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.ListResult;
import io.capstan.store.Store;
import io.capstan.store.StoreException;
import io.capstan.store.Watch;
import io.capstan.store.WatchListener;
import io.capstan.store.support.EventHistory;
import io.capstan.store.support.LogRecord;
import io.capstan.store.support.WatchHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Store} in one SQLite file; see the package documentation for the design. Values are
 * copied on the way in; the arrays handed out are shared with watchers and must not be modified.
 */
public final class SqliteStore implements Store {

  private final ReadPool reads;
  private final WatchHub hub;
  private final GroupCommitWriter writer;
  private final Optional<AutoCompactor> compactor;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SqliteStore(Connection writeConnection, List<Connection> readConnections,
      Options options) throws SQLException {
    this.reads = new ReadPool(readConnections);
    EventHistory history = (prefix, after, max) ->
        reads.read(c -> LogReads.eventsAfter(c, prefix, after, max));
    this.hub = new WatchHub(history, options.watchQueueCapacity());
    this.writer = new GroupCommitWriter(writeConnection, hub, options.maxBatchSize());
    this.compactor = options.compactionInterval().isZero()
        ? Optional.empty()
        : Optional.of(new AutoCompactor(
            this, options.compactionInterval(), options.retainedRevisions()));
  }

  /** Opens (creating if needed) the store in {@code dbFile}; it continues where it left off. */
  public static SqliteStore open(Path dbFile, Options options) {
    List<Connection> opened = new ArrayList<>();
    try {
      Path parent = dbFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      opened.add(Schema.openWriter(dbFile, options.busyTimeout()));
      for (int i = 0; i < options.readConnections(); i++) {
        opened.add(Schema.openReader(dbFile, options.busyTimeout()));
      }
      return new SqliteStore(opened.getFirst(), opened.subList(1, opened.size()), options);
    } catch (SQLException | IOException e) {
      opened.forEach(SqliteStore::closeQuietly);
      throw new StoreException.Unavailable("cannot open store " + dbFile, e);
    }
  }

  @Override
  public long currentRevision() {
    return writer.revision();
  }

  @Override
  public long compactedRevision() {
    return writer.compactedRevision();
  }

  @Override
  public KeyValue create(String key, byte[] value) {
    return written(new WriteOp.Create(Objects.requireNonNull(key, "key"), value.clone()));
  }

  @Override
  public KeyValue update(String key, byte[] value, long expectedModRevision) {
    return written(new WriteOp.Update(
        Objects.requireNonNull(key, "key"), value.clone(), expectedModRevision));
  }

  @Override
  public KeyValue delete(String key, long expectedModRevision) {
    return written(new WriteOp.Delete(Objects.requireNonNull(key, "key"), expectedModRevision));
  }

  @Override
  public Optional<KeyValue> get(String key) {
    Objects.requireNonNull(key, "key");
    return reads.read(c -> LogReads.latest(c, key))
        .filter(record -> !record.deleted())
        .map(LogRecord::toKeyValue);
  }

  @Override
  public ListResult list(ListRequest request) {
    Objects.requireNonNull(request, "request");
    return reads.read(c -> LogReads.list(c, request));
  }

  @Override
  public boolean supportsProgressRequests() {
    return true;
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(listener, "listener");
    long compacted = writer.compactedRevision();
    if (afterRevision < compacted) {
      throw new StoreException.Compacted(afterRevision, compacted);
    }
    return hub.open(prefix, afterRevision, listener);
  }

  @Override
  public void compact(long revision) {
    writer.submit(new WriteOp.Compact(revision));
  }

  /** Counters of the group-commit writer. */
  public WriterMetrics metrics() {
    return writer.metrics();
  }

  /** Finishes the writes already submitted, ends the watches, then closes the file. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    compactor.ifPresent(AutoCompactor::close);
    writer.close();
    hub.close();
    reads.close();
  }

  private KeyValue written(WriteOp op) {
    return writer.submit(op).orElseThrow();
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // Opening failed already; that failure is the one to report.
    }
  }

  /**
   * How a store runs.
   *
   * @param compactionInterval how often to compact automatically; zero turns it off
   * @param retainedRevisions how many of the newest revisions automatic compaction keeps
   * @param busyTimeout how long a connection waits for a lock held by another process
   * @param readConnections size of the read connection pool
   * @param maxBatchSize most operations committed in one transaction
   * @param watchQueueCapacity live events a watch buffers before it re-reads the table
   */
  public record Options(Duration compactionInterval, long retainedRevisions,
      Duration busyTimeout, int readConnections, int maxBatchSize, int watchQueueCapacity) {

    public Options {
      Objects.requireNonNull(compactionInterval, "compactionInterval");
      Objects.requireNonNull(busyTimeout, "busyTimeout");
      if (compactionInterval.isNegative() || retainedRevisions < 0 || readConnections < 1
          || maxBatchSize < 1 || watchQueueCapacity < 1) {
        throw new IllegalArgumentException("invalid store options: " + this);
      }
    }

    /** Compact every 5 minutes keeping 10,000 revisions, like kube-apiserver over etcd. */
    public static Options defaults() {
      return new Options(Duration.ofMinutes(5), 10_000, Duration.ofSeconds(10), 4, 1_000,
          WatchHub.DEFAULT_QUEUE_CAPACITY);
    }

    public Options withCompaction(Duration interval, long retained) {
      return new Options(interval, retained, busyTimeout, readConnections, maxBatchSize,
          watchQueueCapacity);
    }

    public Options withBusyTimeout(Duration timeout) {
      return new Options(compactionInterval, retainedRevisions, timeout, readConnections,
          maxBatchSize, watchQueueCapacity);
    }

    public Options withReadConnections(int count) {
      return new Options(compactionInterval, retainedRevisions, busyTimeout, count,
          maxBatchSize, watchQueueCapacity);
    }

    public Options withMaxBatchSize(int size) {
      return new Options(compactionInterval, retainedRevisions, busyTimeout, readConnections,
          size, watchQueueCapacity);
    }

    public Options withWatchQueueCapacity(int capacity) {
      return new Options(compactionInterval, retainedRevisions, busyTimeout, readConnections,
          maxBatchSize, capacity);
    }
  }
}

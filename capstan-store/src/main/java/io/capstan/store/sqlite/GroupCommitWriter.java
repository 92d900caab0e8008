package io.capstan.store.sqlite;

import io.capstan.store.KeyValue;
import io.capstan.store.StoreException;
import io.capstan.store.WatchEvent;
import io.capstan.store.support.LogRecord;
import io.capstan.store.support.Mutations;
import io.capstan.store.support.WatchHub;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only thread that writes the database. Callers enqueue an operation and wait; the thread
 * takes everything that is waiting (up to a batch limit), applies it in one transaction and
 * commits once, so N concurrent writers cost one fsync instead of N. Operations are applied in
 * queue order and each reads the rows the earlier ones wrote, so compare-and-swap behaves exactly
 * as if they had committed one by one; a refused operation writes nothing and fails alone. After
 * the commit the events are published to watches, then the callers are released.
 */
final class GroupCommitWriter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

  private record Pending(WriteOp op, CompletableFuture<Optional<KeyValue>> result) {}

  /** Put last in the queue by {@link #close()}; everything before it is still written. */
  private static final Pending END = new Pending(new WriteOp.Compact(0), null);

  private final Connection connection;
  private final WatchHub hub;
  private final int maxBatch;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final ReentrantLock submitLock = new ReentrantLock();
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong operations = new AtomicLong();
  private final AtomicLong transactions = new AtomicLong();
  private final Thread thread;
  private boolean closed;
  private volatile long revision;
  private volatile long compactedRevision;

  GroupCommitWriter(Connection connection, WatchHub hub, int maxBatch) throws SQLException {
    this.connection = connection;
    this.hub = hub;
    this.maxBatch = maxBatch;
    this.revision = LogReads.lastRevision(connection);
    this.compactedRevision = LogReads.compactedRevision(connection);
    this.thread = Thread.ofPlatform().name("sqlite-store-writer").daemon().unstarted(this::run);
    thread.start();
  }

  long revision() {
    return revision;
  }

  long compactedRevision() {
    return compactedRevision;
  }

  WriterMetrics metrics() {
    return new WriterMetrics(submitted.get(), operations.get(), transactions.get());
  }

  /** Applies {@code op} and waits until it is durable; the value written, if any. */
  Optional<KeyValue> submit(WriteOp op) {
    Pending pending = new Pending(op, new CompletableFuture<>());
    submitLock.lock();
    try {
      if (closed) {
        throw new StoreException.Unavailable("store is closed", null);
      }
      queue.add(pending);
      submitted.incrementAndGet();
    } finally {
      submitLock.unlock();
    }
    try {
      return pending.result().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof StoreException cause) {
        throw cause;
      }
      throw new StoreException.Unavailable("write failed", e.getCause());
    }
  }

  /** Writes what was submitted before, then stops the thread and closes the connection. */
  @Override
  public void close() {
    submitLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(END);
    } finally {
      submitLock.unlock();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      boolean ending = false;
      while (!ending) {
        List<Pending> batch = new ArrayList<>();
        batch.add(queue.take());
        queue.drainTo(batch, maxBatch - 1);
        ending = batch.remove(END);
        if (!batch.isEmpty()) {
          writeBatch(batch);
        }
      }
    } catch (InterruptedException e) {
      LOG.warn("store writer interrupted; pending writes fail");
    } finally {
      failRemaining();
      closeConnection();
    }
  }

  private void writeBatch(List<Pending> batch) {
    BatchOutcome outcome = new BatchOutcome(batch.size());
    long next = revision;
    long compacted = compactedRevision;
    try {
      execute("BEGIN IMMEDIATE");
      for (Pending pending : batch) {
        try {
          switch (pending.op()) {
            case WriteOp.Compact compact -> {
              compacted = compact(compact.revision(), next, compacted);
              outcome.succeed(Optional.empty());
            }
            default -> {
              LogRecord record = mutate(pending.op(), next + 1);
              LogWrites.insert(connection, record);
              next = record.revision();
              outcome.succeed(record);
            }
          }
        } catch (StoreException refused) {
          outcome.fail(refused);
        }
      }
      execute("COMMIT");
    } catch (SQLException | RuntimeException e) {
      rollbackAfter(e, batch);
      return;
    }
    boolean compactedNow = compacted != compactedRevision;
    revision = next;
    compactedRevision = compacted;
    // Counted before callers are released, so a caller that sees its write done sees it counted.
    transactions.incrementAndGet();
    operations.addAndGet(batch.size());
    hub.publish(outcome.events());
    outcome.complete(batch);
    if (compactedNow) {
      reclaimSpace();
    }
  }

  private LogRecord mutate(WriteOp op, long nextRevision) throws SQLException {
    return switch (op) {
      case WriteOp.Create c -> Mutations.create(
          LogReads.latest(connection, c.key()), c.key(), c.value(), nextRevision);
      case WriteOp.Update u -> Mutations.update(LogReads.latest(connection, u.key()), u.key(),
          u.value(), u.expectedModRevision(), nextRevision);
      case WriteOp.Delete d -> Mutations.delete(LogReads.latest(connection, d.key()), d.key(),
          d.expectedModRevision(), nextRevision);
      case WriteOp.Compact c -> throw new IllegalArgumentException("not a mutation: " + c);
    };
  }

  private long compact(long target, long current, long compacted) throws SQLException {
    if (target > current) {
      throw new StoreException.FutureRevision(target, current);
    }
    if (target <= compacted) {
      return compacted;
    }
    int removed = LogWrites.compact(connection, compacted, target);
    LOG.debug("compacted store revision={} removedRows={}", target, removed);
    return target;
  }

  private void rollbackAfter(Exception failure, List<Pending> batch) {
    LOG.error("store write transaction failed; {} operations fail", batch.size(), failure);
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      LOG.debug("rollback after a failed transaction also failed", e);
    }
    try {
      // A failed COMMIT may still have reached the disk: trust the file, not the counters.
      revision = LogReads.lastRevision(connection);
      compactedRevision = LogReads.compactedRevision(connection);
    } catch (SQLException e) {
      LOG.warn("cannot re-read the store revision after a failed transaction", e);
    }
    StoreException unavailable = new StoreException.Unavailable("store write failed", failure);
    operations.addAndGet(batch.size());
    batch.forEach(pending -> pending.result().completeExceptionally(unavailable));
  }

  private void reclaimSpace() {
    try {
      LogWrites.reclaimSpace(connection);
    } catch (SQLException e) {
      LOG.warn("cannot reclaim space after compaction", e);
    }
  }

  private void failRemaining() {
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    left.remove(END);
    StoreException closing = new StoreException.Unavailable("store is closed", null);
    left.forEach(pending -> pending.result().completeExceptionally(closing));
  }

  private void closeConnection() {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("cannot close the store's write connection", e);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** The results of one batch, held back until the commit succeeds. */
  private static final class BatchOutcome {
    private record Result(Optional<KeyValue> value, Optional<StoreException> refusal) {}

    private final List<Result> results;
    private final List<WatchEvent> events = new ArrayList<>();

    BatchOutcome(int size) {
      results = new ArrayList<>(size);
    }

    void succeed(LogRecord record) {
      results.add(new Result(Optional.of(record.toKeyValue()), Optional.empty()));
      events.add(record.toEvent());
    }

    void succeed(Optional<KeyValue> value) {
      results.add(new Result(value, Optional.empty()));
    }

    void fail(StoreException refusal) {
      results.add(new Result(Optional.empty(), Optional.of(refusal)));
    }

    List<WatchEvent> events() {
      return events;
    }

    void complete(List<Pending> batch) {
      for (int i = 0; i < batch.size(); i++) {
        Result result = results.get(i);
        CompletableFuture<Optional<KeyValue>> future = batch.get(i).result();
        result.refusal().ifPresentOrElse(
            future::completeExceptionally, () -> future.complete(result.value()));
      }
    }
  }
}

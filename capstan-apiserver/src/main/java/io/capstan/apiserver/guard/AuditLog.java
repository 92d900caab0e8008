package io.capstan.apiserver.guard;

import io.capstan.apiserver.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: every mutating request as one JSON line ({@link AuditEvents}) in an owner-only,
 * size-rotated file ({@link AuditFile}). {@link #record} only offers to a bounded queue, so the
 * request path never waits for the disk; one thread drains the queue, writes what it took and
 * flushes as soon as the queue is empty, so a line is on disk moments after its request. When the
 * queue is full the record is dropped and counted, and the drop is logged (at most every 10 s),
 * because an audit log that stalls the API server is worse than one with a counted gap.
 */
public final class AuditLog implements AutoCloseable {

  /** The file name in the data directory. */
  public static final String FILE_NAME = "audit.log";

  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final Duration DROP_LOG_INTERVAL = Duration.ofSeconds(10);

  /**
   * @param maxBytes the size at which the file is rotated
   * @param maxBackups how many rotated files are kept
   * @param queueCapacity how many records may wait for the writer before new ones are dropped
   */
  public record Options(long maxBytes, int maxBackups, int queueCapacity) {

    /** 100 MiB, 3 backups (kube-apiserver's maxsize and maxbackup), 10 000 queued records. */
    public static Options defaults() {
      return new Options(100L * 1024 * 1024, 3, 10_000);
    }
  }

  /** Queued by {@link #close} behind the last record: the writer stops when it reaches it. */
  private static final AuditRecord STOP = new AuditRecord(new java.util.UUID(0, 0), "", "", "",
      "", List.of(), "", "", AuditRecord.ObjectRef.NONE, 0, "", "", Instant.EPOCH, Instant.EPOCH);

  private final AuditSink file;
  private final Clock clock;
  private final BlockingQueue<AuditRecord> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicReference<Instant> lastDropLog = new AtomicReference<>(Instant.MIN);
  private final Thread writer;
  private volatile boolean closed;

  AuditLog(AuditSink file, Clock clock, int queueCapacity) {
    this.file = file;
    this.clock = clock;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.writer = Thread.ofPlatform().daemon().name("audit-log").unstarted(this::drain);
  }

  /** Opens (creating, mode 0600) {@code dataDir/audit.log} with the default options. */
  public static AuditLog open(Path dataDir, Clock clock) {
    return open(dataDir.resolve(FILE_NAME), clock, Options.defaults());
  }

  /** Opens (creating, mode 0600) the audit file {@code file}. */
  public static AuditLog open(Path file, Clock clock, Options options) {
    try {
      return new AuditLog(new AuditFile(file, options.maxBytes(), options.maxBackups()),
          clock, options.queueCapacity()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the audit log " + file, e);
    }
  }

  AuditLog start() {
    writer.start();
    return this;
  }

  /**
   * Queues {@code record} for writing without waiting; returns false if it was dropped because
   * the queue is full or the log is closed.
   */
  public boolean record(AuditRecord record) {
    if (!closed && queue.offer(record)) {
      return true;
    }
    long total = dropped.incrementAndGet();
    Instant now = clock.instant();
    Instant last = lastDropLog.get();
    if (now.isAfter(last.plus(DROP_LOG_INTERVAL)) && lastDropLog.compareAndSet(last, now)) {
      LOG.warn("audit records dropped: the writer is behind dropped={} verb={} uri={}", total,
          record.verb(), record.requestUri());
    }
    return false;
  }

  /** Records dropped so far. */
  public long dropped() {
    return dropped.get();
  }

  /** Records written so far. */
  public long written() {
    return written.get();
  }

  /**
   * Writes what is queued, then closes the file; records offered afterwards are dropped (one
   * offered in the very instant of closing may be neither written nor counted).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      // Not an interrupt: that would close the file channel under a write in progress.
      queue.put(STOP);
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drain() {
    List<AuditRecord> batch = new ArrayList<>();
    boolean stopping = false;
    try {
      while (!stopping) {
        batch.add(queue.take());
        queue.drainTo(batch);
        stopping = batch.removeIf(r -> r == STOP);
        write(batch);
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        file.close();
      } catch (IOException e) {
        LOG.warn("closing the audit log failed", e);
      }
    }
  }

  private void write(List<AuditRecord> batch) {
    if (batch.isEmpty()) {
      return;
    }
    int done = 0;
    try {
      for (AuditRecord record : batch) {
        byte[] json = Json.MAPPER.writeValueAsBytes(AuditEvents.toEvent(record));
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        file.append(line);
        done++;
      }
      file.flush();
      written.addAndGet(done);
    } catch (IOException | RuntimeException e) {
      // Unflushed lines may be lost with the failure; count the whole batch as dropped.
      dropped.addAndGet(batch.size());
      LOG.error("writing the audit log failed records={}", batch.size(), e);
    }
  }
}

package io.capstan.store.memory;

import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.ListResult;
import io.capstan.store.StoreException;
import io.capstan.store.WatchEvent;
import io.capstan.store.support.EventHistory;
import io.capstan.store.support.KeyOrder;
import io.capstan.store.support.LogRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The records of a memory store, indexed by revision (for watches) and by key (for reads). Not
 * thread-safe: {@link MemoryStore} guards it with its lock.
 */
final class MemoryLog {

  private final NavigableMap<Long, LogRecord> byRevision = new TreeMap<>();
  private final NavigableMap<String, NavigableMap<Long, LogRecord>> byKey =
      new TreeMap<>(KeyOrder.CODE_POINT_ORDER);
  private long revision;
  private long compactedRevision;

  long revision() {
    return revision;
  }

  long compactedRevision() {
    return compactedRevision;
  }

  Optional<LogRecord> latest(String key) {
    NavigableMap<Long, LogRecord> records = byKey.get(key);
    return records == null ? Optional.empty() : Optional.of(records.lastEntry().getValue());
  }

  void append(LogRecord record) {
    if (record.revision() != revision + 1) {
      throw new IllegalStateException("record " + record.revision() + " after " + revision);
    }
    byRevision.put(record.revision(), record);
    byKey.computeIfAbsent(record.key(), k -> new TreeMap<>()).put(record.revision(), record);
    revision = record.revision();
  }

  ListResult list(ListRequest request) {
    long at = request.revision() == 0 ? revision : request.revision();
    checkReadable(at);
    List<KeyValue> items = new ArrayList<>();
    long remaining = 0;
    for (NavigableMap<Long, LogRecord> records : keysOf(request).values()) {
      Map.Entry<Long, LogRecord> entry = records.floorEntry(at);
      if (entry == null || entry.getValue().deleted()) {
        continue;
      }
      if (request.limit() == 0 || items.size() < request.limit()) {
        items.add(entry.getValue().toKeyValue());
      } else {
        remaining++;
      }
    }
    return new ListResult(items, at, remaining);
  }

  EventHistory.Page eventsAfter(String prefix, long afterRevision, int max) {
    if (afterRevision < compactedRevision) {
      throw new StoreException.Compacted(afterRevision, compactedRevision);
    }
    List<WatchEvent> events = new ArrayList<>();
    for (LogRecord record : byRevision.tailMap(afterRevision, false).values()) {
      if (record.key().startsWith(prefix)) {
        events.add(record.toEvent());
        if (events.size() == max) {
          return new EventHistory.Page(events, record.revision());
        }
      }
    }
    return new EventHistory.Page(events, revision);
  }

  /**
   * Drops every record superseded at or below {@code target} and every deletion at or below it.
   * A record names the one it superseded ({@code prevRevision}), so only the records written since
   * the last compaction need to be visited.
   */
  void compact(long target) {
    if (target > revision) {
      throw new StoreException.FutureRevision(target, revision);
    }
    if (target <= compactedRevision) {
      return;
    }
    for (LogRecord record
        : List.copyOf(byRevision.subMap(compactedRevision, false, target, true).values())) {
      if (record.prevRevision() > 0) {
        remove(record.prevRevision());
      }
      if (record.deleted()) {
        remove(record.revision());
      }
    }
    compactedRevision = target;
  }

  /** How many records are retained; compaction shrinks it. */
  int size() {
    return byRevision.size();
  }

  private void remove(long recordRevision) {
    LogRecord record = byRevision.remove(recordRevision);
    if (record == null) {
      return;
    }
    NavigableMap<Long, LogRecord> records = byKey.get(record.key());
    records.remove(recordRevision);
    if (records.isEmpty()) {
      byKey.remove(record.key());
    }
  }

  private void checkReadable(long at) {
    if (at > revision) {
      throw new StoreException.FutureRevision(at, revision);
    }
    if (at < compactedRevision) {
      throw new StoreException.Compacted(at, compactedRevision);
    }
  }

  private NavigableMap<String, NavigableMap<Long, LogRecord>> keysOf(ListRequest request) {
    String from = request.prefix();
    boolean fromInclusive = true;
    Optional<String> after = request.startAfter();
    if (after.isPresent() && KeyOrder.compare(after.get(), from) >= 0) {
      from = after.get();
      fromInclusive = false;
    }
    Optional<String> end = KeyOrder.prefixEnd(request.prefix());
    if (end.isEmpty()) {
      return byKey.tailMap(from, fromInclusive);
    }
    if (KeyOrder.compare(from, end.get()) > 0) {
      return Collections.emptyNavigableMap();
    }
    return byKey.subMap(from, fromInclusive, end.get(), false);
  }
}

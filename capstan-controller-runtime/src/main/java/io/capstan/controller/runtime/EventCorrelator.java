package io.capstan.controller.runtime;

import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * client-go's {@code EventCorrelator} ({@code tools/record/events_cache.go}) with its defaults, for
 * the events of one source (a recorder's component and host). In client-go's order, each
 * occurrence is first aggregated (the 10th distinct message with the same type and reason on an
 * object within 10 minutes of the last one becomes a {@code (combined from similar events)} event
 * keyed without its message), then counted against what was written before under its key, then
 * put through the spam filter (a token bucket per object: 25 at once, one more every 5 minutes).
 * Counting comes before filtering, as in client-go, so a count written later still includes the
 * occurrences the filter dropped.
 *
 * <p>Not thread-safe: the recorder calls it from its one writer at a time.
 */
final class EventCorrelator {

  /** client-go's correlator cache size. */
  static final int CACHE_SIZE = 4096;
  static final int AGGREGATE_MAX_EVENTS = 10;
  static final Duration AGGREGATE_INTERVAL = Duration.ofSeconds(600);
  static final int SPAM_BURST = 25;
  static final Duration SPAM_REFILL = Duration.ofSeconds(300);
  static final String AGGREGATE_PREFIX = "(combined from similar events): ";

  /** The object an event is about, without the part (fieldPath): the spam filter's key. */
  private record ObjectKey(String kind, String namespace, String name, String uid,
                           String apiVersion) {}

  /** An exact event: what the logger counts repeats of. */
  private record EventKey(ObjectKey object, String fieldPath, String type, String reason,
                          String message) {}

  /** Events differing only in message (and part): what the aggregator groups. */
  private record AggregateKey(ObjectKey object, String type, String reason) {}

  private static final class Similar {
    final Set<String> messages = new LinkedHashSet<>();
    Instant last;
  }

  private static final class Bucket {
    double tokens = SPAM_BURST;
    Instant refilled;
  }

  /** What the server holds (or should hold) under a key; {@code name} is null until created. */
  record Written(String namespace, String name, int count, String firstTimestamp) {}

  /**
   * One occurrence to write: a new event when {@code previous} is null or was never stored,
   * else a bump of {@code previous} to {@code count}. {@code key} is where the result is noted.
   */
  record Decision(Object key, String message, boolean aggregate, Written previous, int count,
                  String firstTimestamp, String timestamp) {}

  private final Map<AggregateKey, Similar> similar = lru();
  private final Map<Object, Written> written = lru();
  private final Map<ObjectKey, Bucket> buckets = lru();

  /** The write to make for an occurrence at {@code at}, or empty if the spam filter drops it. */
  Optional<Decision> correlate(ObjectReference involved, String namespace, EventType type,
                               String reason, String message, Instant at) {
    ObjectKey object = new ObjectKey(involved.getKind(), orEmpty(involved.getNamespace()),
        involved.getName(), involved.getUid(), involved.getApiVersion());
    AggregateKey aggregateKey = new AggregateKey(object, type.wireName(), reason);
    boolean aggregate = aggregate(aggregateKey, message, at);
    Object key = aggregate ? aggregateKey : new EventKey(object, orEmpty(involved.getFieldPath()),
        type.wireName(), reason, message);
    String text = aggregate ? AGGREGATE_PREFIX + message : message;

    String timestamp = DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS));
    Written previous = written.get(key);
    Written observed = previous == null
        ? new Written(namespace, null, 1, timestamp)
        : new Written(previous.namespace(), previous.name(), previous.count() + 1,
            previous.firstTimestamp());
    written.put(key, observed);

    if (!tryAccept(object, at)) {
      return Optional.empty();
    }
    return Optional.of(new Decision(key, text, aggregate, previous, observed.count(),
        observed.firstTimestamp(), timestamp));
  }

  /** Notes what the server stored for a decision's key, so the next repeat patches it. */
  void stored(Object key, Written stored) {
    written.put(key, stored);
  }

  private boolean aggregate(AggregateKey key, String message, Instant at) {
    Similar record = similar.get(key);
    if (record == null || Duration.between(record.last, at).compareTo(AGGREGATE_INTERVAL) > 0) {
      record = new Similar();
      similar.put(key, record);
    }
    record.messages.add(message);
    record.last = at;
    if (record.messages.size() < AGGREGATE_MAX_EVENTS) {
      return false;
    }
    // Keep the set from growing past the limit (client-go drops an arbitrary one; this drops
    // the eldest).
    Iterator<String> eldest = record.messages.iterator();
    eldest.next();
    eldest.remove();
    return true;
  }

  private boolean tryAccept(ObjectKey object, Instant at) {
    Bucket bucket = buckets.computeIfAbsent(object, k -> new Bucket());
    if (bucket.refilled != null && at.isAfter(bucket.refilled)) {
      double refill = Duration.between(bucket.refilled, at).toNanos()
          / (double) SPAM_REFILL.toNanos();
      bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + refill);
    }
    if (bucket.refilled == null || at.isAfter(bucket.refilled)) {
      bucket.refilled = at;
    }
    if (bucket.tokens < 1) {
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }

  private static String orEmpty(String value) {
    return Objects.requireNonNullElse(value, "");
  }

  private static <K, V> Map<K, V> lru() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > CACHE_SIZE;
      }
    };
  }
}

package io.capstan.controllers.replicaset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code UIDTrackingControllerExpectations}: what a ReplicaSet's last sync wrote and its informer has not reported
 * yet. A sync acts again only once every expected creation and deletion has been observed, or the record is older
 * than {@link #TTL} (a lost watch event must not wedge the ReplicaSet for ever). Without this, a sync running before
 * the informer caught up with its own creations would create the same pods a second time.
 */
final class Expectations {
    /** {@code ExpectationsTimeout}. */
    static final Duration TTL = Duration.ofMinutes(5);

    private static final class Record {
        int creations;
        final Set<String> deletions = new HashSet<>();
        Instant since;
    }

    private final Clock clock;
    private final Map<String, Record> records = new ConcurrentHashMap<>();

    Expectations(Clock clock) {
        this.clock = clock;
    }

    /** True when nothing is outstanding for {@code key}, or the outstanding record expired. */
    boolean satisfied(String key) {
        Record record = records.get(key);
        if (record == null) {
            return true;
        }
        synchronized (record) {
            return (record.creations <= 0 && record.deletions.isEmpty())
                    || !record.since.plus(TTL).isAfter(clock.instant());
        }
    }

    void expectCreations(String key, int count) {
        Record record = fresh(key);
        synchronized (record) {
            record.creations = count;
        }
    }

    void expectDeletions(String key, Set<String> podKeys) {
        Record record = fresh(key);
        synchronized (record) {
            record.deletions.addAll(podKeys);
        }
    }

    /** One expected creation happened, or will not happen (a failed or skipped create). */
    void creationObserved(String key) {
        Record record = records.get(key);
        if (record != null) {
            synchronized (record) {
                record.creations--;
            }
        }
    }

    void deletionObserved(String key, String podKey) {
        Record record = records.get(key);
        if (record != null) {
            synchronized (record) {
                record.deletions.remove(podKey);
            }
        }
    }

    void forget(String key) {
        records.remove(key);
    }

    /** {@code SetExpectations}: a new expectation replaces what is left of the previous one. */
    private Record fresh(String key) {
        Record record = new Record();
        record.since = clock.instant();
        records.put(key, record);
        return record;
    }
}

package io.capstan.store.support;

import io.capstan.store.WatchEvent;
import java.util.List;

/** The retained past of a store's log, read by watches that start behind or fall behind. */
@FunctionalInterface
public interface EventHistory {

  /**
   * Up to {@code max} events for keys under {@code prefix} with a revision greater than
   * {@code afterRevision}, oldest first, read from one consistent snapshot.
   *
   * @throws io.capstan.store.StoreException.Compacted if events after {@code afterRevision} may
   *     have been compacted away
   */
  Page eventsAfter(String prefix, long afterRevision, int max);

  /**
   * @param events the events found
   * @param throughRevision every matching event up to this revision is in {@code events} (or was
   *     at or before {@code afterRevision}): the snapshot's revision when the page is not full,
   *     otherwise the revision of the page's last event
   */
  record Page(List<WatchEvent> events, long throughRevision) {
    public Page {
      events = List.copyOf(events);
    }
  }
}

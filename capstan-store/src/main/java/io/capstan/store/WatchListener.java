package io.capstan.store;

/** Receives a watch's events in revision order, on one thread at a time. */
public interface WatchListener {

  void onEvent(WatchEvent event);

  /**
   * Every change under the watched prefix up to and including {@code revision} has been delivered:
   * the store's revision moved on without (further) events for this watch. Arrives in order with
   * the events, after {@link Watch#requestProgress()} or whenever the store chooses to report it.
   */
  default void onProgress(long revision) {}

  /**
   * The watch ended and will deliver nothing more: it was closed, the store closed, or the watcher
   * fell so far behind that the history it needs was compacted (then {@code error} says so).
   */
  default void onClose(java.util.Optional<StoreException> error) {}
}

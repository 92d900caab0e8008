package io.capstan.store;

/** Receives a watch's events in revision order, on one thread at a time. */
public interface WatchListener {

  void onEvent(WatchEvent event);

  /**
   * The watch ended and will deliver nothing more: it was closed, the store closed, or the watcher
   * fell so far behind that the history it needs was compacted (then {@code error} says so).
   */
  default void onClose(java.util.Optional<StoreException> error) {}
}

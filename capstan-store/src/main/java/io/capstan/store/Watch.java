package io.capstan.store;

/** A running watch; closing it stops delivery. Closing twice is harmless. */
public interface Watch extends AutoCloseable {

  /**
   * Asks for a {@link WatchListener#onProgress} soon, so that a watcher waiting for a revision
   * learns that it was reached even when no event under its prefix carries it. Does nothing on a
   * store whose {@link Store#supportsProgressRequests()} is false.
   */
  default void requestProgress() {}

  @Override
  void close();
}

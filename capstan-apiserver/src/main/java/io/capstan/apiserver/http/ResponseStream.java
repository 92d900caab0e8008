package io.capstan.apiserver.http;

/** A chunked response written from a handler's thread. */
interface ResponseStream extends AutoCloseable {

  /**
   * Writes a chunk, blocking while too many earlier chunks are still unsent so that a slow client
   * slows its own watch rather than filling memory.
   *
   * @return false if the client has gone away
   */
  boolean write(byte[] chunk) throws InterruptedException;

  /** True once the client has disconnected. */
  boolean isClosed();

  /** Ends the response. */
  @Override
  void close();
}

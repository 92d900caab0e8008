package io.capstan.apiserver.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The back-pressure both watch transports share: a writer on a virtual thread hands each chunk to
 * the connection's event loop, and waits once too many chunks are still unsent, so a slow client
 * slows only its own watch instead of filling memory.
 */
abstract class BoundedStream implements ResponseStream {

  /** Chunks a stream may have in flight before its writer waits. */
  private static final int MAX_IN_FLIGHT_WRITES = 64;

  private final Context context;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT_WRITES);
  private volatile boolean closed;

  BoundedStream(Context context) {
    this.context = context;
  }

  /** Called on the event loop: sends one chunk, or returns null when the peer is gone. */
  protected abstract Future<Void> send(byte[] chunk);

  /** Waits, if the transport needs it, until it can carry chunks; false if it never will. */
  protected boolean awaitOpen() throws InterruptedException {
    return true;
  }

  @Override
  public final boolean write(byte[] chunk) throws InterruptedException {
    if (!awaitOpen()) {
      return false;
    }
    while (!inFlight.tryAcquire(1, TimeUnit.SECONDS)) {
      if (closed) {
        return false;
      }
    }
    if (closed) {
      inFlight.release();
      return false;
    }
    context.runOnContext(v -> {
      Future<Void> sent = closed ? null : send(chunk);
      if (sent == null) {
        closed = true;
        inFlight.release();
        return;
      }
      sent.onComplete(r -> {
        if (r.failed()) {
          closed = true;
        }
        inFlight.release();
      });
    });
    return true;
  }

  protected final void markClosed() {
    closed = true;
  }

  protected final Context context() {
    return context;
  }

  @Override
  public final boolean isClosed() {
    return closed;
  }
}

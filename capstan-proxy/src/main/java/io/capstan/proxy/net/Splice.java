package io.capstan.proxy.net;

import io.vertx.core.Future;
import io.vertx.core.net.NetSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies bytes both ways between two sockets. Each direction pauses its source while the
 * destination's write queue is full and resumes it on drain, so a slow reader slows the writer
 * instead of filling memory. When one side ends, the other is ended only after the last byte
 * copied to it has been written, so nothing in flight is cut off; an error closes both.
 */
final class Splice {

  private final NetSocket client;
  private final NetSocket backend;
  private final Runnable onClosed;
  private final AtomicInteger open = new AtomicInteger(2);

  private Splice(NetSocket client, NetSocket backend, Runnable onClosed) {
    this.client = client;
    this.backend = backend;
    this.onClosed = onClosed;
  }

  /**
   * Splices {@code client} (paused since it was accepted) to {@code backend}; runs
   * {@code onClosed} once both are closed.
   */
  static void start(NetSocket client, NetSocket backend, Runnable onClosed) {
    Splice splice = new Splice(client, backend, onClosed);
    splice.copy(client, backend);
    splice.copy(backend, client);
    client.resume();
  }

  private void copy(NetSocket source, NetSocket destination) {
    @SuppressWarnings("unchecked")
    Future<Void>[] lastWrite = new Future[] {Future.succeededFuture()};
    source.handler(buffer -> {
      lastWrite[0] = destination.write(buffer);
      if (destination.writeQueueFull()) {
        source.pause();
        destination.drainHandler(v -> source.resume());
      }
    });
    source.endHandler(v -> lastWrite[0].onComplete(written -> destination.end()));
    source.exceptionHandler(error -> closeBoth());
    source.closeHandler(v -> {
      if (open.decrementAndGet() == 0) {
        onClosed.run();
      }
    });
  }

  private void closeBoth() {
    client.close();
    backend.close();
  }
}

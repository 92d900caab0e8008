package io.capstan.apiserver.http;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A watch over WebSocket, which Kubernetes offers beside chunked HTTP and which the fabric8 client
 * tries first: the connection is upgraded once the watch is known to be valid, and each event
 * becomes one text message.
 */
final class WebSocketStream implements ResponseStream {

  private static final int MAX_IN_FLIGHT_WRITES = 64;

  private final Context context;
  private final CountDownLatch opened = new CountDownLatch(1);
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT_WRITES);
  private volatile ServerWebSocket socket;
  private volatile boolean closed;

  private WebSocketStream(Context context) {
    this.context = context;
  }

  static WebSocketStream upgrade(HttpServerRequest request, Context context) {
    WebSocketStream stream = new WebSocketStream(context);
    context.runOnContext(v -> request.toWebSocket().onComplete(result -> {
      if (result.succeeded()) {
        ServerWebSocket ws = result.result();
        ws.closeHandler(x -> stream.closed = true);
        ws.exceptionHandler(x -> stream.closed = true);
        // Clients send nothing on a watch socket but control frames; drop any data.
        ws.handler(buffer -> { });
        stream.socket = ws;
      } else {
        stream.closed = true;
      }
      stream.opened.countDown();
    }));
    return stream;
  }

  @Override
  public boolean write(byte[] chunk) throws InterruptedException {
    if (!opened.await(30, TimeUnit.SECONDS) || closed) {
      return false;
    }
    while (!inFlight.tryAcquire(1, TimeUnit.SECONDS)) {
      if (closed) {
        return false;
      }
    }
    int length = chunk.length > 0 && chunk[chunk.length - 1] == '\n' ? chunk.length - 1 : chunk.length;
    String message = new String(chunk, 0, length, StandardCharsets.UTF_8);
    context.runOnContext(v -> {
      if (closed || socket.isClosed()) {
        closed = true;
        inFlight.release();
        return;
      }
      socket.writeTextMessage(message).onComplete(r -> {
        if (r.failed()) {
          closed = true;
        }
        inFlight.release();
      });
    });
    return true;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    context.runOnContext(v -> {
      ServerWebSocket ws = socket;
      if (ws != null && !ws.isClosed()) {
        ws.close();
      }
    });
  }
}

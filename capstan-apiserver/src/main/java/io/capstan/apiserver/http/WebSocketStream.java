package io.capstan.apiserver.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A watch over WebSocket, which Kubernetes offers beside chunked HTTP and which the fabric8 client
 * tries first: the connection is upgraded once the watch is known to be valid, and each event
 * becomes one text message.
 */
final class WebSocketStream extends BoundedStream {

  private final CountDownLatch opened = new CountDownLatch(1);
  private volatile ServerWebSocket socket;

  private WebSocketStream(Context context) {
    super(context);
  }

  static WebSocketStream upgrade(HttpServerRequest request, Context context) {
    WebSocketStream stream = new WebSocketStream(context);
    context.runOnContext(v -> request.toWebSocket().onComplete(result -> {
      if (result.succeeded()) {
        ServerWebSocket ws = result.result();
        ws.closeHandler(x -> stream.markClosed());
        ws.exceptionHandler(x -> stream.markClosed());
        // Clients send nothing on a watch socket but control frames; drop any data.
        ws.handler(buffer -> { });
        stream.socket = ws;
      } else {
        stream.markClosed();
      }
      stream.opened.countDown();
    }));
    return stream;
  }

  @Override
  protected boolean awaitOpen() throws InterruptedException {
    return opened.await(30, TimeUnit.SECONDS) && !isClosed();
  }

  @Override
  protected Future<Void> send(byte[] chunk) {
    if (socket.isClosed()) {
      return null;
    }
    // One event per message; the newline that separates events on a chunked stream is dropped.
    int length = chunk.length > 0 && chunk[chunk.length - 1] == '\n'
        ? chunk.length - 1 : chunk.length;
    return socket.writeTextMessage(new String(chunk, 0, length, StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    context().runOnContext(v -> {
      ServerWebSocket ws = socket;
      if (ws != null && !ws.isClosed()) {
        ws.close();
      }
    });
  }
}

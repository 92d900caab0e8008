package io.capstan.node.server;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.Semaphore;

/**
 * A chunked text response written from a blocking thread. Bytes are gathered into chunks that are
 * handed to the connection's event loop; once too many are unsent the writer waits, so a slow
 * client slows its own log and nothing else. When the client disconnects, writes fail and the
 * writing thread is interrupted, which also wakes a follow that is waiting for new lines.
 */
final class ResponseOutput extends OutputStream {

  private static final int CHUNK_BYTES = 8 * 1024;
  private static final int MAX_IN_FLIGHT = 16;

  private final HttpServerResponse response;
  private final Context context;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final byte[] pending = new byte[CHUNK_BYTES];
  private int count;
  /** Whether the status line went out; only the writing thread reads and sets it. */
  private boolean started;
  private volatile boolean gone;
  private volatile boolean finished;

  ResponseOutput(HttpServerResponse response, Context context, Thread writer) {
    this.response = response;
    this.context = context;
    context.runOnContext(v -> {
      response.closeHandler(x -> disconnected(writer));
      if (response.closed()) {
        disconnected(writer);
      }
    });
  }

  private void disconnected(Thread writer) {
    gone = true;
    if (!finished) {
      writer.interrupt();
    }
  }

  /** Whether an error can still be answered with its own status. */
  boolean started() {
    return started;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      int n = Math.min(length, pending.length - count);
      System.arraycopy(bytes, offset, pending, count, n);
      count += n;
      offset += n;
      length -= n;
      if (count == pending.length) {
        flush();
      }
    }
  }

  @Override
  public void flush() throws IOException {
    if (count == 0) {
      return;
    }
    if (gone) {
      throw new IOException("the client went away");
    }
    byte[] chunk = java.util.Arrays.copyOf(pending, count);
    count = 0;
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("the client went away");
    }
    started = true;
    context.runOnContext(v -> {
      if (response.closed() || response.ended()) {
        gone = true;
        inFlight.release();
        return;
      }
      startHead();
      response.write(Buffer.buffer(chunk)).onComplete(r -> {
        if (r.failed()) {
          gone = true;
        }
        inFlight.release();
      });
    });
  }

  /** Answers with an error instead, if nothing was sent yet. */
  void fail(int status, String text) {
    finished = true;
    context.runOnContext(v -> {
      if (!response.closed() && !response.ended() && !response.headWritten()) {
        response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
            .end(text);
      }
    });
  }

  /** Sends what is left and ends the response. */
  @Override
  public void close() {
    try {
      flush();
    } catch (IOException e) {
      // The client is gone; there is nobody left to end the response for.
    }
    finished = true;
    context.runOnContext(v -> {
      if (!response.closed() && !response.ended()) {
        startHead();
        response.end();
      }
    });
  }

  private void startHead() {
    if (!response.headWritten()) {
      response.setStatusCode(200).setChunked(true)
          .putHeader("Content-Type", "text/plain; charset=utf-8");
    }
  }
}

package io.capstan.apiserver.guard;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards an HTTP server's connections against clients that hold them without using them: the
 * slowloris that trickles a request head, the client that connects and says nothing, the body that
 * never finishes, oversized heads, and TLS handshakes that never complete. Healthy long requests
 * (watches, log follows) are never cut, however quiet; see {@link ConnectionWatch} for the rules.
 *
 * <p>Wiring, in this order:
 *
 * <pre>{@code
 * HttpServerOptions options = ConnectionGuards.apply(new HttpServerOptions()..., limits);
 * HttpServer server = vertx.createHttpServer(options).requestHandler(this::accept);
 * new ConnectionGuards(vertx, limits).install(server);
 * server.listen();
 * }</pre>
 */
public final class ConnectionGuards {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuards.class);

  private final Vertx vertx;
  private final ConnectionLimits limits;
  private final Map<HttpConnection, ConnectionWatch> watches = new ConcurrentHashMap<>();
  private final AtomicLong closed = new AtomicLong();

  public ConnectionGuards(Vertx vertx, ConnectionLimits limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  /**
   * Sets the limits Vert.x enforces itself on {@code options}: head and request-line sizes, the
   * TLS handshake timeout, HTTP/2's concurrent streams and header-list size, and TCP keep-alive
   * (which reaps dead peers under a quiet watch). Vert.x's own idle timeout stays off: it counts
   * only bytes and would cut a quiet watch.
   *
   * <p>It also turns h2c (HTTP/2 over plain TCP) off: to honour an {@code Upgrade: h2c} Vert.x
   * creates a plain listener's connection only once the first request head is complete, which
   * leaves exactly the slowloris the head deadline is for untimed. HTTP/2 stays available over
   * TLS, where ALPN negotiates it before any request. Returns {@code options}.
   */
  public static HttpServerOptions apply(HttpServerOptions options, ConnectionLimits limits) {
    Http2Settings settings = options.getInitialSettings() == null
        ? new Http2Settings() : options.getInitialSettings();
    return options
        .setMaxHeaderSize(limits.maxHeaderBytes())
        .setMaxInitialLineLength(limits.maxInitialLineBytes())
        .setSslHandshakeTimeout(limits.tlsHandshakeTimeout().toMillis())
        .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
        .setTcpKeepAlive(true)
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeout(0)
        .setInitialSettings(settings
            .setMaxConcurrentStreams(limits.maxConcurrentStreams())
            .setMaxHeaderListSize(limits.maxHeaderBytes()));
  }

  /**
   * Installs the guards on {@code server}, whose request handler must already be set: it is
   * wrapped so every request is seen first. Also answers heads Vert.x cannot parse: 414 for a long
   * request line, 431 for oversized headers, 400 otherwise, each closing the connection.
   *
   * <p>The guards take the server's connection handler, the connection's close handler and each
   * response's end handler; a handler that sets its own response end handler only delays
   * re-arming the head deadline to the next check, which also notices ended responses.
   */
  public HttpServer install(HttpServer server) {
    Handler<HttpServerRequest> next = server.requestHandler();
    if (next == null) {
      throw new IllegalStateException("set the request handler before installing the guards");
    }
    return server
        .connectionHandler(this::connected)
        .invalidRequestHandler(ConnectionGuards::answerInvalid)
        .requestHandler(request -> {
          started(request);
          next.handle(request);
        });
  }

  /** How many connections the guards have closed so far. */
  public long closedConnections() {
    return closed.get();
  }

  private void connected(HttpConnection connection) {
    ConnectionWatch watch = new ConnectionWatch(connection, limits, System.nanoTime());
    watches.put(connection, watch);
    long timer = vertx.setPeriodic(limits.checkInterval().toMillis(), id -> check(watch, id));
    connection.closeHandler(v -> {
      vertx.cancelTimer(timer);
      watches.remove(connection);
    });
  }

  private void started(HttpServerRequest request) {
    ConnectionWatch watch = watches.get(request.connection());
    if (watch == null) {
      // Only a connection Vert.x announced late (h2c, which apply() turns off) gets here; its
      // first head is parsed already, so there is no deadline left to enforce for it.
      return;
    }
    watch.requestStarted(request, System.nanoTime());
    request.response().endHandler(v -> watch.requestEnded(request, System.nanoTime()));
  }

  private void check(ConnectionWatch watch, long timer) {
    watch.check(System.nanoTime()).ifPresent(verdict -> {
      HttpConnection connection = watch.connection();
      watches.remove(connection);
      vertx.cancelTimer(timer);
      if (verdict.closes()) {
        LOG.debug("closing connection remote={} reason={}", connection.remoteAddress(), verdict);
        closed.incrementAndGet();
        connection.close();
      }
    });
  }

  private static void answerInvalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    String text;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      text = "414 URI Too Long";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      text = "431 Request Header Fields Too Large";
    } else {
      status = 400;
      text = "400 Bad Request";
    }
    request.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/plain; charset=utf-8")
        .putHeader("Connection", "close")
        .end(text)
        .onComplete(done -> request.connection().close());
  }
}

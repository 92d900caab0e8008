package io.capstan.apiserver.guard;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The deadlines of one connection. It lives on the connection's event loop, which calls every
 * method, so it needs no locking.
 *
 * <p>Vert.x shows neither bytes nor partial request heads, only whole requests and the byte counts
 * of the requests in flight, so the rules are phrased in those: a connection with nothing in
 * flight must start a request within the head deadline (HTTP/1.x: again after each response;
 * HTTP/2: only before its first stream, later streams are multiplexed and the idle rule covers
 * the gaps) and must not sit without a request for the idle timeout; a request whose body is still
 * arriving must make progress within the idle timeout; a response in progress (a watch, a log
 * follow) is never cut here, however quiet, because it is the handler's to end; and a connection
 * upgraded to a WebSocket is no HTTP connection any more and is left alone.
 */
final class ConnectionWatch {

  /** HTTP's "Switching Protocols": the connection now carries a WebSocket, no more requests. */
  private static final int SWITCHING_PROTOCOLS = 101;

  /**
   * What to do with the connection: close it (head deadline passed, idle, body stalled), or stop
   * watching it because it was upgraded (a WebSocket watch or exec), which lives as long as the
   * handler keeps it and no longer announces its close to the HTTP connection.
   */
  enum Verdict {
    HEADER_DEADLINE, IDLE, STALLED_BODY, UPGRADED;

    boolean closes() {
      return this != UPGRADED;
    }
  }

  private final HttpConnection connection;
  private final long headerNanos;
  private final long idleNanos;
  private final List<InFlight> inFlight = new ArrayList<>();
  private boolean awaitingHead = true;
  private boolean upgraded;
  private long headerDeadline;
  private long lastActivity;

  ConnectionWatch(HttpConnection connection, ConnectionLimits limits, long now) {
    this.connection = connection;
    this.headerNanos = limits.requestHeaderTimeout().toNanos();
    this.idleNanos = limits.idleTimeout().toNanos();
    this.headerDeadline = now + headerNanos;
    this.lastActivity = now;
  }

  HttpConnection connection() {
    return connection;
  }

  /** A complete request head arrived. */
  void requestStarted(HttpServerRequest request, long now) {
    awaitingHead = false;
    lastActivity = now;
    inFlight.add(new InFlight(request, request.bytesRead(), now, isUpgrade(request)));
  }

  /** A response was completely written. */
  void requestEnded(HttpServerRequest request, long now) {
    upgraded |= request.response().getStatusCode() == SWITCHING_PROTOCOLS;
    inFlight.removeIf(f -> f.request == request);
    lastActivity = now;
    armHeaderDeadlineIfWaiting(now);
  }

  /** Checks the deadlines at {@code now}; a verdict says to close or to stop watching. */
  Optional<Verdict> check(long now) {
    upgraded |= inFlight.stream().anyMatch(f -> f.upgrade
        && f.request.response().getStatusCode() == SWITCHING_PROTOCOLS);
    if (upgraded) {
      return Optional.of(Verdict.UPGRADED);
    }
    boolean pruned = inFlight.removeIf(f -> f.request.response().ended()
        || f.request.response().closed());
    if (pruned) {
      lastActivity = now;
      armHeaderDeadlineIfWaiting(now);
    }
    for (InFlight f : inFlight) {
      long read = f.request.bytesRead();
      if (read != f.bytesRead) {
        f.bytesRead = read;
        f.lastRead = now;
        lastActivity = now;
      } else if (!f.upgrade && !f.request.isEnded() && now - f.lastRead >= idleNanos) {
        return Optional.of(Verdict.STALLED_BODY);
      }
    }
    if (!inFlight.isEmpty()) {
      return Optional.empty();
    }
    if (awaitingHead && now - headerDeadline >= 0) {
      return Optional.of(Verdict.HEADER_DEADLINE);
    }
    if (now - lastActivity >= idleNanos) {
      return Optional.of(Verdict.IDLE);
    }
    return Optional.empty();
  }

  private void armHeaderDeadlineIfWaiting(long now) {
    if (inFlight.isEmpty() && !multiplexed()) {
      awaitingHead = true;
      headerDeadline = now + headerNanos;
    }
  }

  private boolean multiplexed() {
    return connection.protocolVersion() == HttpVersion.HTTP_2;
  }

  private static boolean isUpgrade(HttpServerRequest request) {
    return request.getHeader("Upgrade") != null;
  }

  /** A request in flight and when its body last made progress. */
  private static final class InFlight {
    final HttpServerRequest request;
    final boolean upgrade;
    long bytesRead;
    long lastRead;

    InFlight(HttpServerRequest request, long bytesRead, long now, boolean upgrade) {
      this.request = request;
      this.bytesRead = bytesRead;
      this.lastRead = now;
      this.upgrade = upgrade;
    }
  }
}

package io.capstan.apiserver.guard;

import java.time.Duration;

/**
 * The limits {@link ConnectionGuards} enforces on every connection.
 *
 * @param requestHeaderTimeout how long a connection may take to deliver a complete request head,
 *     counted from the connection (after the TLS handshake) and, on HTTP/1.x, again from the end of
 *     each response; on HTTP/2 it applies to the first stream only
 * @param idleTimeout how long a connection with no request in flight may stay open without
 *     starting one, and how long a request body may stall; it never cuts a response in progress,
 *     so a quiet watch stays open (TCP keep-alive reaps dead peers under it)
 * @param tlsHandshakeTimeout how long a TLS handshake may take
 * @param maxHeaderBytes the request head's size limit (answered with 431)
 * @param maxInitialLineBytes the request line's size limit (answered with 414)
 * @param maxConcurrentStreams the HTTP/2 concurrent-stream limit a client is told
 */
public record ConnectionLimits(Duration requestHeaderTimeout, Duration idleTimeout,
    Duration tlsHandshakeTimeout, int maxHeaderBytes, int maxInitialLineBytes,
    long maxConcurrentStreams) {

  public ConnectionLimits {
    requirePositive(requestHeaderTimeout, "requestHeaderTimeout");
    requirePositive(idleTimeout, "idleTimeout");
    requirePositive(tlsHandshakeTimeout, "tlsHandshakeTimeout");
    if (maxHeaderBytes <= 0 || maxInitialLineBytes <= 0 || maxConcurrentStreams <= 0) {
      throw new IllegalArgumentException("size limits must be positive");
    }
  }

  /**
   * 10 s for a request head, 5 min idle (longer than the 1 min watch bookmark interval), 10 s for
   * a TLS handshake, 64 KiB of headers, a 16 KiB request line, and 250 streams, Go's default.
   */
  public static ConnectionLimits defaults() {
    return new ConnectionLimits(Duration.ofSeconds(10), Duration.ofMinutes(5),
        Duration.ofSeconds(10), 64 * 1024, 16 * 1024, 250);
  }

  public ConnectionLimits withRequestHeaderTimeout(Duration timeout) {
    return new ConnectionLimits(timeout, idleTimeout, tlsHandshakeTimeout, maxHeaderBytes,
        maxInitialLineBytes, maxConcurrentStreams);
  }

  public ConnectionLimits withIdleTimeout(Duration timeout) {
    return new ConnectionLimits(requestHeaderTimeout, timeout, tlsHandshakeTimeout,
        maxHeaderBytes, maxInitialLineBytes, maxConcurrentStreams);
  }

  public ConnectionLimits withTlsHandshakeTimeout(Duration timeout) {
    return new ConnectionLimits(requestHeaderTimeout, idleTimeout, timeout, maxHeaderBytes,
        maxInitialLineBytes, maxConcurrentStreams);
  }

  /** How often a connection's deadlines are checked: often enough to be punctual, at most 1/s. */
  Duration checkInterval() {
    Duration shortest = requestHeaderTimeout.compareTo(idleTimeout) < 0
        ? requestHeaderTimeout : idleTimeout;
    Duration tenth = shortest.dividedBy(10);
    if (tenth.compareTo(Duration.ofMillis(50)) < 0) {
      return Duration.ofMillis(50);
    }
    return tenth.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : tenth;
  }

  private static void requirePositive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}

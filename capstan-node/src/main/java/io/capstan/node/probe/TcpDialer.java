package io.capstan.node.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Opens TCP connections for tcpSocket and httpGet probes and reports failures in the words of Go's
 * {@code net.Dial} ({@code dial tcp 10.0.0.5:8080: connect: connection refused}, {@code ... i/o
 * timeout}), since those are what users see in the kubelet's probe events.
 */
final class TcpDialer {

  private TcpDialer() {}

  /** {@code host:port}, with IPv6 literals in brackets, as Go's {@code net.JoinHostPort}. */
  static String joinHostPort(String host, int port) {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * Connects before {@code deadlineNanos} (a {@link System#nanoTime()} value: probe timeouts are
   * real time even when the probe schedule runs on a test clock).
   */
  static Socket dial(String host, int port, long deadlineNanos) throws DialException {
    String address = joinHostPort(host, port);
    long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
    if (remainingMillis <= 0) {
      throw new DialException("dial tcp " + address + ": i/o timeout", true);
    }
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE,
          remainingMillis));
      return socket;
    } catch (IOException e) {
      closeQuietly(socket);
      throw describe(address, e);
    }
  }

  private static DialException describe(String address, IOException e) {
    String prefix = "dial tcp " + address + ": ";
    if (e instanceof SocketTimeoutException) {
      return new DialException(prefix + "i/o timeout", true);
    }
    if (e instanceof UnknownHostException) {
      return new DialException("dial tcp: lookup " + address + ": no such host", false);
    }
    String reason = e.getMessage() == null ? e.getClass().getSimpleName()
        : e.getMessage().toLowerCase(Locale.ROOT);
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return new DialException(prefix + "connect: " + reason, false);
    }
    return new DialException(prefix + reason, false);
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing useful to do: the probe's result is already decided.
    }
  }

  /** A connection that could not be opened; {@link #timedOut()} when the deadline passed. */
  static final class DialException extends IOException {
    private final boolean timedOut;

    DialException(String message, boolean timedOut) {
      super(message);
      this.timedOut = timedOut;
    }

    boolean timedOut() {
      return timedOut;
    }
  }
}

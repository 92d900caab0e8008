package io.capstan.bench.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Port picking and waiting for a listener, for setting a scenario up. */
final class Sockets {

  private Sockets() {}

  /** A port nothing listens on at {@code host} now. */
  static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    }
  }

  /** Returns once {@code host:port} accepts a connection; throws after {@code timeout}. */
  static void awaitAccepting(String host, int port, Duration timeout)
      throws IOException, InterruptedException {
    awaitAccepting(host, port, timeout, () -> true);
  }

  /** As above, giving up as soon as {@code listenerAlive} says the listener's process is gone. */
  static void awaitAccepting(String host, int port, Duration timeout,
      BooleanSupplier listenerAlive) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1_000);
        return;
      } catch (IOException e) {
        if (Instant.now().isAfter(deadline) || !listenerAlive.getAsBoolean()) {
          throw new IOException(host + ":" + port + " does not accept connections", e);
        }
        Thread.sleep(20);
      }
    }
  }
}

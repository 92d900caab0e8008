package io.capstan.node.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A bare TCP server that answers every connection with one plain HTTP response as soon as the
 * client sends anything, as a typical HTTP server answers a TLS ClientHello with 400.
 */
final class PlainResponder implements AutoCloseable {

  private final ServerSocket socket;

  PlainResponder(String response) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      while (!socket.isClosed()) {
        try (Socket client = socket.accept()) {
          client.getInputStream().read(new byte[4096]);
          client.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
          client.getOutputStream().flush();
        } catch (IOException closedOrReset) {
          // The next accept fails too once the socket is closed, which ends the loop.
        }
      }
    });
  }

  int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

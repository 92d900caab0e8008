package io.capstan.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A TCP server on one loopback address that greets each connection with its name and echoes. */
final class Backend implements AutoCloseable {

  final String name;
  private final ServerSocket server;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

  private Backend(String name, ServerSocket server) {
    this.name = name;
    this.server = server;
    Thread.ofVirtual().name("backend-" + name).start(this::acceptLoop);
  }

  static Backend start(String name, String host) throws IOException {
    return new Backend(name, new ServerSocket(0, 50, InetAddress.getByName(host)));
  }

  String host() {
    return server.getInetAddress().getHostAddress();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections this backend has open now. */
  int open() {
    return connections.size();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.add(socket);
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      OutputStream out = socket.getOutputStream();
      out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      connections.remove(socket);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : connections) {
      socket.close();
    }
  }
}

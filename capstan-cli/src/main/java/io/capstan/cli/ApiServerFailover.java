package io.capstan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's way to several API servers, as k3s' agent load balancer: a TCP relay on a loopback
 * port that the agent's clients use as their one server URL. Each new connection goes to the
 * server that answered last; when it refuses or does not connect in time, the next one in the list
 * is tried, and so on round the list. TLS passes through untouched (the servers' certificates
 * name 127.0.0.1), so the clients still verify the cluster CA end to end. A server that dies
 * breaks its connections; the clients reconnect, and so land on the next server that answers.
 */
final class ApiServerFailover implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServerFailover.class);

  private final List<InetSocketAddress> servers;
  private final Duration connectTimeout;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile int current;
  private volatile boolean closed;

  private ApiServerFailover(List<InetSocketAddress> servers, Duration connectTimeout,
      ServerSocket listener) {
    this.servers = servers;
    this.connectTimeout = connectTimeout;
    this.listener = listener;
  }

  /** Listens on a free loopback port and relays to {@code servers} (https URLs). */
  static ApiServerFailover start(List<URI> servers, Duration connectTimeout) throws IOException {
    List<InetSocketAddress> addresses = servers.stream()
        .map(uri -> InetSocketAddress.createUnresolved(uri.getHost(),
            uri.getPort() < 0 ? 443 : uri.getPort()))
        .toList();
    ServerSocket listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    ApiServerFailover failover = new ApiServerFailover(addresses, connectTimeout, listener);
    Thread.ofPlatform().daemon().name("api-server-failover").start(failover::acceptLoop);
    return failover;
  }

  /** The URL the agent's clients use. */
  String url() {
    return "https://127.0.0.1:" + listener.getLocalPort();
  }

  /** The server new connections go to first, e.g. {@code host:6443}. */
  String currentServer() {
    InetSocketAddress server = servers.get(current);
    return server.getHostString() + ":" + server.getPort();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Thread.ofVirtual().name("api-relay").start(() -> relay(client));
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("the API server relay stopped accepting: {}", e.toString());
        }
        return;
      }
    }
  }

  private void relay(Socket client) {
    Socket server = connect();
    if (server == null) {
      closeQuietly(client);
      return;
    }
    open.add(client);
    open.add(server);
    try {
      client.setKeepAlive(true);
      client.setTcpNoDelay(true);
    } catch (IOException e) {
      // Options only; the relay works without them.
    }
    Thread back = Thread.ofVirtual().name("api-relay-back")
        .start(() -> pump(server, client));
    pump(client, server);
    try {
      back.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    open.remove(client);
    open.remove(server);
  }

  /** The first server that accepts a connection, starting from the one that answered last. */
  private Socket connect() {
    int start = current;
    for (int i = 0; i < servers.size() && !closed; i++) {
      int index = (start + i) % servers.size();
      InetSocketAddress unresolved = servers.get(index);
      Socket socket = new Socket();
      try {
        socket.setKeepAlive(true);
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(unresolved.getHostString(), unresolved.getPort()),
            (int) connectTimeout.toMillis());
        if (index != current) {
          current = index;
          LOG.info("API server {} answers; the node's connections go there now",
              currentServer());
        }
        return socket;
      } catch (IOException e) {
        closeQuietly(socket);
        LOG.debug("API server {}:{} does not answer: {}", unresolved.getHostString(),
            unresolved.getPort(), e.toString());
      }
    }
    LOG.warn("no API server answers ({})", servers);
    return null;
  }

  /** Copies until either side ends, then closes both so the other pump ends too. */
  private static void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // A reset or a close from the other pump: the connection is over either way.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already gone.
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    open.forEach(ApiServerFailover::closeQuietly);
  }
}

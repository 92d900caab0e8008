package io.capstan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiServerFailoverTest {

  @Test
  void connectionsGoToTheServerThatAnswersAndMoveOnWhenItStops() throws Exception {
    try (Greeter first = new Greeter("first"); Greeter second = new Greeter("second");
        ApiServerFailover failover = ApiServerFailover.start(
            List.of(first.uri(), second.uri()), Duration.ofSeconds(2))) {
      assertThat(greeting(failover)).isEqualTo("first");
      first.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> greeting(failover).equals("second"));
      assertThat(failover.currentServer()).endsWith(":" + second.uri().getPort());
    }
  }

  @Test
  void aDeadServerFirstInTheListIsSkipped() throws Exception {
    ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    URI dead = URI.create("https://127.0.0.1:" + closed.getLocalPort());
    closed.close();
    try (Greeter live = new Greeter("live");
        ApiServerFailover failover = ApiServerFailover.start(List.of(dead, live.uri()),
            Duration.ofSeconds(2))) {
      assertThat(greeting(failover)).isEqualTo("live");
    }
  }

  private static String greeting(ApiServerFailover failover) throws IOException {
    URI relay = URI.create(failover.url());
    try (Socket socket = new Socket(relay.getHost(), relay.getPort())) {
      socket.setSoTimeout(5000);
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A server that writes its name to every connection and closes it. */
  private static final class Greeter implements AutoCloseable {
    private final ServerSocket socket;

    Greeter(String name) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(() -> {
        while (!socket.isClosed()) {
          try (Socket client = socket.accept()) {
            client.getOutputStream().write(name.getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            return;
          }
        }
      });
    }

    URI uri() {
      return URI.create("https://127.0.0.1:" + socket.getLocalPort());
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}

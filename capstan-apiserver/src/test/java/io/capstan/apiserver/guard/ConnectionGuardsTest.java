package io.capstan.apiserver.guard;

import static io.capstan.apiserver.guard.GuardedServer.limits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The guards on a real plain-HTTP Vert.x server, driven over real sockets. */
class ConnectionGuardsTest {

  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
  private GuardedServer server;

  @AfterEach
  void stop() {
    pacer.shutdownNow();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void slowlorisIsClosedByTheHeaderDeadlineWhileAnotherClientIsServed() throws Exception {
    server = GuardedServer.plain(limits(Duration.ofSeconds(3), Duration.ofMinutes(5)));
    HttpClient http = server.client(HttpClient.Version.HTTP_1_1);
    try (RawClient slow = new RawClient(server.port)) {
      AtomicInteger trickled = new AtomicInteger();
      trickle(slow, trickled);
      List<Integer> served = new CopyOnWriteArrayList<>();

      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
        served.add(server.get(http, "/").statusCode());
        return slow.closedByServer();
      });

      // Closed at the 3 s deadline although a byte arrived every second.
      assertThat(trickled.get()).isBetween(2, 6);
      assertThat(served).hasSizeGreaterThan(5).containsOnly(200);
      assertThat(server.get(http, "/").statusCode()).isEqualTo(200);
      assertThat(server.guards.closedConnections()).isEqualTo(1);
    }
  }

  /** Sends a request head one byte a second, the slowloris way. */
  private void trickle(RawClient slow, AtomicInteger trickled) {
    byte[] head = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaa\r\n"
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    pacer.scheduleAtFixedRate(() -> {
      try {
        slow.send(new byte[] {head[trickled.getAndIncrement() % head.length]});
      } catch (IOException closed) {
        throw new UncheckedIOException(closed);
      }
    }, 0, 1, TimeUnit.SECONDS);
  }

  @Test
  void keepAliveConnectionWithoutNextRequestIsClosedAfterTheHeaderDeadline() throws Exception {
    server = GuardedServer.plain(limits(Duration.ofSeconds(2), Duration.ofMinutes(5)));
    try (RawClient client = new RawClient(server.port)) {
      client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertThat(client.readResponse()).startsWith("HTTP/1.1 200").endsWith("ok");
      client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertThat(client.readResponse()).startsWith("HTTP/1.1 200");

      await().atMost(Duration.ofSeconds(6)).until(client::closedByServer);
    }
    assertThat(server.guards.closedConnections()).isEqualTo(1);
  }

  @Test
  void silentConnectionIsClosedAfterTheHeaderDeadline() throws Exception {
    server = GuardedServer.plain(limits(Duration.ofSeconds(1), Duration.ofMinutes(5)));
    try (RawClient client = new RawClient(server.port)) {
      await().atMost(Duration.ofSeconds(5)).until(client::closedByServer);
    }
  }

  @Test
  void requestBodyThatStallsIsClosedAfterTheIdleTimeout() throws Exception {
    server = GuardedServer.plain(limits(Duration.ofSeconds(30), Duration.ofSeconds(2)));
    try (RawClient client = new RawClient(server.port)) {
      client.send("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n0123456789");

      await().atMost(Duration.ofSeconds(6)).until(client::closedByServer);
    }
  }

  record Case(String name, String request, String status) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> oversized() {
    return Stream.of(
        new Case("giant header", "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: "
            + "a".repeat(100 * 1024) + "\r\n\r\n", "HTTP/1.1 431"),
        new Case("many headers", "GET / HTTP/1.1\r\nHost: localhost\r\n"
            + "X-Many: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\r\n".repeat(2000) + "\r\n",
            "HTTP/1.1 431"),
        // Netty gives up before it has read the version, so the answer is HTTP/1.0.
        new Case("giant request line", "GET /" + "p".repeat(20 * 1024)
            + " HTTP/1.1\r\nHost: localhost\r\n\r\n", "HTTP/1.0 414"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("oversized")
  void oversizedHeadIsAnsweredAndTheServerKeepsServing(Case c) throws Exception {
    server = GuardedServer.plain(ConnectionLimits.defaults());
    try (RawClient client = new RawClient(server.port)) {
      client.send(c.request());

      assertThat(client.readResponse()).startsWith(c.status());
      await().atMost(Duration.ofSeconds(5)).until(client::closedByServer);
    }
    HttpClient http = server.client(HttpClient.Version.HTTP_1_1);
    assertThat(server.get(http, "/").body()).isEqualTo("ok");
  }

  @Test
  void webSocketOutlivesTheHeaderDeadline() throws Exception {
    server = GuardedServer.plain(limits(Duration.ofSeconds(1), Duration.ofMinutes(5)));
    AtomicInteger frames = new AtomicInteger();
    java.util.concurrent.CompletableFuture<Integer> closed =
        new java.util.concurrent.CompletableFuture<>();
    WebSocket ws = server.client(HttpClient.Version.HTTP_1_1).newWebSocketBuilder()
        .buildAsync(java.net.URI.create("ws://127.0.0.1:" + server.port + "/ws"),
            new WebSocket.Listener() {
              @Override
              public java.util.concurrent.CompletionStage<?> onText(WebSocket socket,
                  CharSequence data, boolean last) {
                frames.incrementAndGet();
                socket.request(1);
                return null;
              }

              @Override
              public java.util.concurrent.CompletionStage<?> onClose(WebSocket socket,
                  int status, String reason) {
                closed.complete(status);
                return null;
              }

              @Override
              public void onError(WebSocket socket, Throwable error) {
                closed.completeExceptionally(error);
              }
            }).get(10, TimeUnit.SECONDS);

    // Three head deadlines long.
    await().atMost(Duration.ofSeconds(10)).until(() -> frames.get() >= 10);

    assertThat(closed).isNotDone();
    assertThat(server.guards.closedConnections()).isZero();
    ws.abort();
  }

  @Test
  void busyStreamIsNotCutByShorterIdleOrHeaderTimeouts() throws Exception {
    server = GuardedServer.plain(limits(Duration.ofSeconds(3), Duration.ofSeconds(5)));
    HttpClient http = server.client(HttpClient.Version.HTTP_1_1);

    HttpResponse<String> response = server.get(http, "/stream");

    assertThat(response.body()).startsWith("event 0\n").endsWith("event 5\ndone\n");
    assertThat(server.guards.closedConnections()).isZero();
  }
}

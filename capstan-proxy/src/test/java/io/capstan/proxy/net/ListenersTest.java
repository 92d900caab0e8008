package io.capstan.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controller.runtime.testing.FakeClock;
import io.capstan.proxy.routing.ListenAddress;
import io.capstan.proxy.routing.ServicePortKey;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListenersTest {

  private final Vertx vertx = Vertx.vertx();
  private final FakeClock clock = new FakeClock();
  private final Set<String> acceptingThreads = ConcurrentHashMap.newKeySet();
  private final Listeners listeners = new Listeners(vertx, (socket, key) -> {
    acceptingThreads.add(Thread.currentThread().getName());
    socket.end(io.vertx.core.buffer.Buffer.buffer(key.toString() + "\n"));
  }, clock, Duration.ofSeconds(5), 4);

  @AfterEach
  void stop() throws Exception {
    listeners.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private static String greeting(ListenAddress address) {
    try (Socket socket = new Socket(address.host(), address.port())) {
      socket.setSoTimeout(2000);
      String line = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.UTF_8)).readLine();
      return line == null ? "" : line;
    } catch (IOException e) {
      return "refused";
    }
  }

  @Test
  void aFailedBindIsRetriedUntilTheAddressIsFree() throws Exception {
    ListenAddress address;
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.97.0.1"))) {
      address = new ListenAddress("127.97.0.1", squatter.getLocalPort());
      listeners.listen("ns/web", Map.of(address, new ServicePortKey("ns", "web", "")));
      clock.advance(Duration.ofSeconds(5));
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> {
      clock.advance(Duration.ofSeconds(5));
      return listeners.bound().contains(address);
    });
    assertThat(greeting(address)).isEqualTo("ns/web:");
  }

  @Test
  void listenersSpreadOverEventLoopsAndGoWithTheirService() {
    Set<ListenAddress> addresses = new HashSet<>();
    for (int i = 1; i <= 4; i++) {
      ListenAddress address = new ListenAddress("127.97.1." + i, 18080);
      addresses.add(address);
      listeners.listen("ns/web-" + i, Map.of(address, new ServicePortKey("ns", "web-" + i, "")));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> listeners.bound().equals(addresses));

    addresses.forEach(address -> assertThat(greeting(address)).startsWith("ns/web-"));
    assertThat(acceptingThreads).hasSizeGreaterThan(1);

    listeners.listen("ns/web-1", Map.of());
    await().atMost(Duration.ofSeconds(10))
        .until(() -> greeting(new ListenAddress("127.97.1.1", 18080)).equals("refused"));
    assertThat(greeting(new ListenAddress("127.97.1.2", 18080))).isEqualTo("ns/web-2:");
  }
}

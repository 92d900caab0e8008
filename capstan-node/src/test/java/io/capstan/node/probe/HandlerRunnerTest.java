package io.capstan.node.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controller.runtime.testing.FakeClock;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.LifecycleHandlerBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** postStart/preStop handlers through real processes, a real HTTP server and a fake clock. */
class HandlerRunnerTest {

  private static TestHttpServer server;
  private final FakeClock clock = new FakeClock();
  private final HandlerRunner runner = new HandlerRunner(new LocalShellExec(), clock);

  @BeforeAll
  static void startServer() throws Exception {
    server = TestHttpServer.http();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  record Case(String name, Function<Integer, LifecycleHandler> handler, Optional<String> result) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String where = " for Container \"app\" in Pod \"ns/web\" failed - error: ";
    return Stream.of(
        new Case("an exec hook that exits 0 succeeds", port -> exec("true"), Optional.empty()),
        new Case("an exec hook that exits non-zero fails with its output",
            port -> exec("echo out; echo err >&2; exit 2"),
            Optional.of("Exec lifecycle hook ([sh -c echo out; echo err >&2; exit 2])" + where
                + "command 'sh -c echo out; echo err >&2; exit 2' exited with 2: err\n, "
                + "message: \"out\\nerr\\n\"")),
        new Case("an exec hook over its timeout fails",
            port -> exec("sleep 10"),
            Optional.of("Exec lifecycle hook ([sh -c sleep 10])" + where
                + "command 'sh -c sleep 10' timed out after 1s, message: \"\"")),
        new Case("an httpGet hook answered 200 succeeds", port -> http("/ok", port),
            Optional.empty()),
        new Case("an httpGet hook followed to 200 succeeds", port -> http("/redirect", port),
            Optional.empty()),
        new Case("an httpGet hook answered 500 fails", port -> http("/fail", port),
            Optional.of("HTTP lifecycle hook (/fail)" + where
                + "HTTP lifecycle hook failed with statuscode: 500, message: \"secret detail\"")),
        new Case("an httpGet hook that cannot connect fails",
            port -> http("/pre", closedPort()),
            Optional.of("HTTP lifecycle hook (/pre)" + where + "Get \"http://127.0.0.1:"
                + "PORT/pre\": dial tcp 127.0.0.1:PORT: connect: connection refused, message: \"\"")),
        new Case("a zero-second sleep returns at once",
            port -> new LifecycleHandlerBuilder().withNewSleep(0L).build(), Optional.empty()),
        new Case("a tcpSocket handler cannot run",
            port -> new LifecycleHandlerBuilder().withNewTcpSocket().withPort(new IntOrString(80))
                .endTcpSocket().build(),
            Optional.of("Cannot run handler: invalid handler: ")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void runsHandlers(Case c) {
    LifecycleHandler handler = c.handler().apply(server.port());
    Optional<String> result = runner.run(handler, target(), Duration.ofSeconds(1));
    if (c.result().isEmpty()) {
      assertThat(result).isEmpty();
      return;
    }
    assertThat(result).isPresent();
    String expected = c.result().get();
    if (handler.getHttpGet() != null) {
      expected = expected.replace("PORT", String.valueOf(handler.getHttpGet().getPort()
          .getIntVal()));
    }
    if (expected.startsWith("Cannot run handler")) {
      assertThat(result.get()).startsWith(expected);
    } else {
      assertThat(result.get()).isEqualTo(expected);
    }
  }

  @Test
  void httpHooksIdentifyAsLifecycle() {
    assertThat(runner.run(http("/headers", server.port()), target(), Duration.ofSeconds(2)))
        .isEmpty();
    assertThat(server.headersSeenAt("/headers").getFirst("User-Agent"))
        .isEqualTo("kube-lifecycle/1.32");
  }

  @Test
  void anHttpsHookAnsweredInHttpIsRetriedOverHttp() throws Exception {
    try (PlainResponder plain = new PlainResponder(
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")) {
      LifecycleHandler handler = new LifecycleHandlerBuilder().withNewHttpGet().withScheme("HTTPS")
          .withPath("/pre").withPort(new IntOrString(plain.port())).endHttpGet().build();
      assertThat(runner.run(handler, target(), Duration.ofSeconds(3))).isEmpty();
    }
  }

  @Test
  void sleepWaitsForItsSecondsOnTheScheduler() {
    CompletableFuture<Optional<String>> result = sleepAsync(5, Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(4));
    assertThat(result).isNotDone();
    clock.advance(Duration.ofSeconds(1));
    assertThat(result.join()).isEmpty();
    assertThat(clock.pendingDueTimes()).isEmpty();
  }

  @Test
  void sleepLongerThanTheTimeoutFails() {
    CompletableFuture<Optional<String>> result = sleepAsync(5, Duration.ofSeconds(2));
    clock.advance(Duration.ofSeconds(2));
    assertThat(result.join()).contains("Sleep lifecycle hook (5) for Container \"app\" in Pod "
        + "\"ns/web\" failed - error: container terminated before sleep hook finished");
  }

  private CompletableFuture<Optional<String>> sleepAsync(long seconds, Duration timeout) {
    LifecycleHandler handler = new LifecycleHandlerBuilder().withNewSleep(seconds).build();
    CompletableFuture<Optional<String>> result = CompletableFuture.supplyAsync(
        () -> runner.run(handler, target(), timeout));
    await().atMost(Duration.ofSeconds(5)).until(() -> clock.pendingDueTimes().size() == 2);
    return result;
  }

  private static LifecycleHandler exec(String script) {
    return new LifecycleHandlerBuilder().withNewExec().withCommand("sh", "-c", script).endExec()
        .build();
  }

  private static LifecycleHandler http(String path, int port) {
    return new LifecycleHandlerBuilder().withNewHttpGet().withPath(path)
        .withPort(new IntOrString(port)).endHttpGet().build();
  }

  private static int closedPort() {
    try {
      return HttpGetProbeTest.closedPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ProbeTarget target() {
    Container container = new ContainerBuilder().withName("app").build();
    return new ProbeTarget("uid-1", "ns", "web", container, "c1", "127.0.0.1", Instant.now());
  }
}

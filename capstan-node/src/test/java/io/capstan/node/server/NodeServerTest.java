package io.capstan.node.server;

import static io.capstan.node.logs.CriLogFixture.T0;
import static io.capstan.node.logs.CriLogFixture.stamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.node.logs.CriLogFixture;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NodeServerTest {

  @TempDir
  Path dir;

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .build();
  private DirectoryLocator locator;
  private NodeServer node;
  private CriLogFixture app;

  @BeforeEach
  void start() throws Exception {
    locator = new DirectoryLocator(dir);
    app = new CriLogFixture(locator.current("ns", "web", "app", false));
    app.line("one").partial("t").line("wo").line("three");
    new CriLogFixture(locator.current("ns", "web", "app", true)).line("before the crash");
    node = NodeServer.start(InetAddress.getLoopbackAddress(), 0, locator,
        (namespace, pod, container) -> running.get(), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    node.close();
  }

  record Case(String name, String path, int status, String body) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String logs = "/containerLogs/ns/web/app";
    return Stream.of(
        new Case("health", "/healthz", 200, "ok"),
        new Case("whole log", logs, 200, "one\ntwo\nthree\n"),
        new Case("tail and timestamps", logs + "?tailLines=1&timestamps=true", 200,
            stamp(T0.plusSeconds(3)) + "three\n"),
        new Case("since an absolute time", logs + "?sinceTime=2024-05-01T10:00:02Z", 200,
            "three\n"),
        new Case("limitBytes", logs + "?limitBytes=6", 200, "one\ntw"),
        new Case("previous container", logs + "?previous=true", 200, "before the crash\n"),
        new Case("unknown container", "/containerLogs/ns/web/nope", 404,
            "container \"nope\" in pod \"ns/web\" not found"),
        new Case("unknown previous container", "/containerLogs/ns/web/nope?previous=1", 404,
            "previous terminated container \"nope\" in pod \"web\" not found"),
        new Case("short path", "/containerLogs/ns/web", 404, "404 page not found"),
        new Case("other path", "/stats/summary", 404, "404 page not found\n"),
        new Case("negative tail", logs + "?tailLines=-1", 400,
            "tailLines: Invalid value: -1: must be greater than or equal to 0"),
        new Case("tail not a number", logs + "?tailLines=ten", 400,
            "tailLines: Invalid value: \"ten\": must be an integer"),
        new Case("zero limit", logs + "?limitBytes=0", 400,
            "limitBytes: Invalid value: 0: must be greater than 0"),
        new Case("zero sinceSeconds", logs + "?sinceSeconds=0", 400,
            "sinceSeconds: Invalid value: 0: must be greater than 0"),
        new Case("both since forms", logs + "?sinceSeconds=5&sinceTime=2024-05-01T10:00:02Z", 400,
            "at most one of `sinceTime` or `sinceSeconds` may be specified"),
        new Case("bad sinceTime", logs + "?sinceTime=yesterday", 400,
            "sinceTime: Invalid value: \"yesterday\": must be an RFC3339 time"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answers(Case c) throws Exception {
    HttpResponse<String> response = http.send(request(c.path()),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(c.status());
    assertThat(response.body()).isEqualTo(c.body());
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
  }

  @Test
  void followStreamsNewLinesUntilTheContainerExits() throws Exception {
    HttpResponse<InputStream> response = http.send(
        request("/containerLogs/ns/web/app?follow=true&tailLines=1"),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo("three");
      app.line("four");
      assertThat(lines.readLine()).isEqualTo("four");
      app.line("five");
      running.set(false);
      assertThat(lines.readLine()).isEqualTo("five");
      assertThat(lines.readLine()).isNull();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> node.openLogStreams() == 0);
  }

  @Test
  void aClientThatDisconnectsEndsTheFollow() throws Exception {
    HttpResponse<InputStream> response = http.send(
        request("/containerLogs/ns/web/app?follow=true&tailLines=1"),
        HttpResponse.BodyHandlers.ofInputStream());
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    assertThat(lines.readLine()).isEqualTo("three");
    assertThat(node.openLogStreams()).isEqualTo(1);
    lines.close();
    // No new line is written: the server must notice the disconnect by itself.
    await().atMost(Duration.ofSeconds(10)).until(() -> node.openLogStreams() == 0);
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path)).GET()
        .build();
  }
}

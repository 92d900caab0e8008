package io.capstan.node.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** httpGet probes against a real HTTP server on 127.0.0.1. */
class HttpGetProbeTest {

  private static TestHttpServer server;
  private static TestHttpServer tlsServer;
  private final Prober prober = new Prober(Optional.empty(), new HttpGetClient());

  @BeforeAll
  static void startServers(@TempDir Path dir) throws Exception {
    server = TestHttpServer.http();
    tlsServer = TestHttpServer.https(SelfSignedTls.create(dir));
  }

  @AfterAll
  static void stopServers() {
    server.close();
    tlsServer.close();
  }

  record Case(String name, Function<Integer, HTTPGetAction> action, ProbeOutcome.Kind kind,
      String messageContains) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("200 succeeds", port -> get("/ok", port), ProbeOutcome.Kind.SUCCESS, "fine"),
        new Case("201 succeeds", port -> get("/created", port), ProbeOutcome.Kind.SUCCESS, ""),
        new Case("a path without its slash gets one", port -> get("ok", port),
            ProbeOutcome.Kind.SUCCESS, "fine"),
        new Case("500 fails without the body", port -> get("/fail", port),
            ProbeOutcome.Kind.FAILURE, "HTTP probe failed with statuscode: 500"),
        new Case("404 fails", port -> get("/notfound", port), ProbeOutcome.Kind.FAILURE,
            "HTTP probe failed with statuscode: 404"),
        new Case("a redirect on the same host is followed", port -> get("/redirect", port),
            ProbeOutcome.Kind.SUCCESS, "fine"),
        new Case("a followed redirect to a failing page fails",
            port -> get("/redirect-to-fail", port), ProbeOutcome.Kind.FAILURE,
            "HTTP probe failed with statuscode: 500"),
        new Case("a redirect to another host is not followed and warns",
            port -> get("/elsewhere", port), ProbeOutcome.Kind.WARNING,
            "Probe terminated redirects, Response body: moved"),
        new Case("a redirect loop stops after 10 redirects", port -> get("/loop", port),
            ProbeOutcome.Kind.FAILURE, "/loop\": stopped after 10 redirects"),
        new Case("a body over 10 KiB is cut, not failed", port -> get("/big", port),
            ProbeOutcome.Kind.SUCCESS, "x".repeat(10 * 1024)),
        new Case("a chunked body is decoded", port -> get("/chunked", port),
            ProbeOutcome.Kind.SUCCESS, "part one,part two"),
        new Case("the port may be a container port's name",
            port -> new HTTPGetActionBuilder().withPath("/ok").withPort(new IntOrString("web"))
                .build(), ProbeOutcome.Kind.SUCCESS, "fine"),
        new Case("the port may be a number in a string",
            port -> new HTTPGetActionBuilder().withPath("/ok")
                .withPort(new IntOrString(String.valueOf(port))).build(),
            ProbeOutcome.Kind.SUCCESS, "fine"),
        new Case("an unknown port name is a prober error",
            port -> new HTTPGetActionBuilder().withPath("/ok").withPort(new IntOrString("nope"))
                .build(), ProbeOutcome.Kind.UNKNOWN, "nope"),
        new Case("the host field overrides the pod IP",
            port -> new HTTPGetActionBuilder().withHost("127.0.0.1").withPath("/ok")
                .withPort(new IntOrString(port)).build(), ProbeOutcome.Kind.SUCCESS, "fine"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void probesOverHttp(Case c) {
    ProbeOutcome outcome = prober.httpGet(c.action().apply(server.port()),
        target(server.port(), "127.0.0.1"), Duration.ofSeconds(2));
    assertThat(outcome.kind()).as(outcome.message()).isEqualTo(c.kind());
    assertThat(outcome.message()).contains(c.messageContains());
    if (c.name().contains("10 KiB")) {
      assertThat(outcome.message()).hasSize(10 * 1024);
    }
    if (c.name().contains("500")) {
      assertThat(outcome.message()).doesNotContain("secret");
    }
  }

  @Test
  void sendsHeadersUserAgentAcceptAndHostOverride() {
    HTTPGetAction action = new HTTPGetActionBuilder().withPath("/headers")
        .withPort(new IntOrString(server.port()))
        .addNewHttpHeader("x-custom", "one").addNewHttpHeader("X-Custom", "two")
        .addNewHttpHeader("Host", "app.example").build();
    ProbeOutcome outcome = prober.httpGet(action, target(server.port(), "127.0.0.1"),
        Duration.ofSeconds(2));
    assertThat(outcome.kind()).isEqualTo(ProbeOutcome.Kind.SUCCESS);
    Headers seen = server.headersSeenAt("/headers");
    assertThat(seen.get("X-custom")).containsExactly("one", "two");
    assertThat(seen.getFirst("User-Agent")).isEqualTo("kube-probe/1.32");
    assertThat(seen.getFirst("Accept")).isEqualTo("*/*");
    assertThat(seen.getFirst("Host")).isEqualTo("app.example");
    assertThat(seen.containsKey("Accept-encoding")).isFalse();
  }

  @Test
  void userSetUserAgentWinsAndAnEmptyAcceptIsDropped() {
    HTTPGetAction action = new HTTPGetActionBuilder().withPath("/headers")
        .withPort(new IntOrString(server.port()))
        .addNewHttpHeader("user-agent", "mine/1").addNewHttpHeader("Accept", "").build();
    prober.httpGet(action, target(server.port(), "127.0.0.1"), Duration.ofSeconds(2));
    Headers seen = server.headersSeenAt("/headers");
    assertThat(seen.get("User-Agent")).containsExactly("mine/1");
    assertThat(seen.getFirst("Host")).isEqualTo("127.0.0.1:" + server.port());
    assertThat(seen.containsKey("Accept")).isFalse();
  }

  @Test
  void aResponseSlowerThanTheTimeoutFails() {
    Instant start = Instant.now();
    ProbeOutcome outcome = prober.httpGet(get("/slow", server.port()),
        target(server.port(), "127.0.0.1"), Duration.ofSeconds(1));
    assertThat(outcome.kind()).isEqualTo(ProbeOutcome.Kind.FAILURE);
    assertThat(outcome.message()).isEqualTo("Get \"http://127.0.0.1:" + server.port()
        + "/slow\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aClosedPortFailsWithGoStyleMessage() throws Exception {
    int closed = closedPort();
    ProbeOutcome outcome = prober.httpGet(get("/ok", closed), target(closed, "127.0.0.1"),
        Duration.ofSeconds(1));
    assertThat(outcome.kind()).isEqualTo(ProbeOutcome.Kind.FAILURE);
    assertThat(outcome.message()).isEqualTo("Get \"http://127.0.0.1:" + closed
        + "/ok\": dial tcp 127.0.0.1:" + closed + ": connect: connection refused");
  }

  @Test
  void httpsSkipsCertificateVerification() {
    HTTPGetAction action = new HTTPGetActionBuilder().withScheme("HTTPS").withPath("/ok")
        .withPort(new IntOrString(tlsServer.port())).build();
    ProbeOutcome outcome = prober.httpGet(action, target(tlsServer.port(), "127.0.0.1"),
        Duration.ofSeconds(3));
    assertThat(outcome.kind()).as(outcome.message()).isEqualTo(ProbeOutcome.Kind.SUCCESS);
    assertThat(outcome.message()).isEqualTo("fine");
  }

  @Test
  void httpsAgainstAPlainServerFails() throws Exception {
    try (PlainResponder plain = new PlainResponder(
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")) {
      HTTPGetAction action = new HTTPGetActionBuilder().withScheme("HTTPS").withPath("/ok")
          .withPort(new IntOrString(plain.port())).build();
      ProbeOutcome outcome = prober.httpGet(action, target(plain.port(), "127.0.0.1"),
          Duration.ofSeconds(3));
      assertThat(outcome.kind()).isEqualTo(ProbeOutcome.Kind.FAILURE);
      assertThat(outcome.message()).isEqualTo("Get \"https://127.0.0.1:" + plain.port()
          + "/ok\": http: server gave HTTP response to HTTPS client");
    }
  }

  @Test
  void aProbeSpecDispatchesToItsAction() {
    var spec = new ProbeBuilder().withHttpGet(get("/fail", server.port())).build();
    assertThat(prober.probe(spec, target(server.port(), "127.0.0.1")).message())
        .isEqualTo("HTTP probe failed with statuscode: 500");
  }

  static HTTPGetAction get(String path, int port) {
    return new HTTPGetActionBuilder().withPath(path).withPort(new IntOrString(port)).build();
  }

  static ProbeTarget target(int webPort, String podIp) {
    Container container = new ContainerBuilder().withName("app").addNewPort().withName("web")
        .withContainerPort(webPort).endPort().build();
    return new ProbeTarget("uid-1", "ns", "web", container, "c1", podIp, Instant.now());
  }

  static int closedPort() throws java.io.IOException {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

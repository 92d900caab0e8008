package io.capstan.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The listener the API server will run: Vert.x with {@link TlsContexts#serverSslOptions}, reached
 * by the JDK HTTP client, which negotiates HTTP/2 through ALPN and checks the host name.
 */
class VertxTlsTest {

  @TempDir
  Path tls;

  Vertx vertx;
  HttpServer server;
  CertificateAuthority ca;
  ServingCertificate serving;

  @BeforeEach
  void startServer() {
    ca = CertificateAuthority.loadOrCreate(tls, Clock.systemUTC());
    serving = ServingCertificate.loadOrIssue(tls, ca, SubjectAltNames.localDefaults(List.of()),
        Clock.systemUTC());
    var verifier = new ClientCertificateVerifier(ca.certificate(), Clock.systemUTC());
    vertx = Vertx.vertx();
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0);
    server = vertx.createHttpServer(TlsContexts.secure(options, serving.issued(), ca))
        .requestHandler(request -> request.response().end(describe(request, verifier)));
    server.listen().await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private static String describe(HttpServerRequest request, ClientCertificateVerifier verifier) {
    String user;
    try {
      user = verifier.verify(request.connection().peerCertificates()).identity()
          .map(ClientIdentity::user).orElse("-");
    } catch (SSLPeerUnverifiedException e) {
      user = "-";
    }
    return request.version() + " " + user;
  }

  record Case(String name, HttpClient.Version version, Optional<String> user, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("HTTP/2 with a client certificate", HttpClient.Version.HTTP_2,
            Optional.of("admin"), "HTTP_2 admin"),
        new Case("HTTP/2 without one", HttpClient.Version.HTTP_2, Optional.empty(), "HTTP_2 -"),
        new Case("HTTP/1.1 with a client certificate", HttpClient.Version.HTTP_1_1,
            Optional.of("system:node:n1"), "HTTP_1_1 system:node:n1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void servesTlsWithAlpnAndReadsClientCertificates(Case c) throws Exception {
    Optional<IssuedCertificate> client = c.user().map(user -> ca.issueClient(user, List.of()));

    HttpResponse<String> response = get(TlsContexts.clientContext(ca.certificate(), client),
        c.version());

    assertThat(response.body()).isEqualTo(c.expected());
  }

  @Test
  void plainHttpToTheTlsPortGetsNoAnswer() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.actualPort() + "/version"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void renewedCertificateIsSwappedInWithoutRestart() throws Exception {
    IssuedCertificate renewed = ca.issueServing(SubjectAltNames.parse(List.of("localhost")));

    assertThat(server.updateSSLOptions(TlsContexts.serverSslOptions(renewed, ca)).await())
        .isTrue();

    HttpClient http = HttpClient.newBuilder()
        .sslContext(TlsContexts.clientContext(ca.certificate(), Optional.empty())).build();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
        "https://localhost:" + server.actualPort() + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.sslSession().orElseThrow().getPeerCertificates()[0])
        .isEqualTo(renewed.certificate());
  }

  private HttpResponse<String> get(SSLContext context, HttpClient.Version version)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(context).version(version)
        .connectTimeout(Duration.ofSeconds(10)).build();
    // "localhost" rather than the address: the JDK client checks the name against the SANs.
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create("https://localhost:" + server.actualPort() + "/version")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.version()).isEqualTo(version);
    assertThat(response.sslSession().orElseThrow().getPeerCertificates()[0])
        .isEqualTo(serving.issued().certificate());
    return response;
  }
}

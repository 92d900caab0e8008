package io.capstan.apiserver.guard;

import io.capstan.apiserver.tls.CertificateAuthority;
import io.capstan.apiserver.tls.ServingCertificate;
import io.capstan.apiserver.tls.SubjectAltNames;
import io.capstan.apiserver.tls.TlsContexts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A Vert.x server with the guards installed, plain or TLS (certificates from a CA in a temp
 * dir), answering {@code /} with "ok", {@code /stream} with a chunk every 2 s, six times (a
 * watch that is busy, but never for long: 10 s in all), and {@code /ws} as a WebSocket that
 * pushes a frame every 300 ms.
 */
final class GuardedServer implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final ConnectionGuards guards;
  final int port;
  private final Optional<SSLContext> clientTls;

  private GuardedServer(ConnectionLimits limits, Optional<Path> tlsDir) {
    HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0)
        .setHttp2ClearTextEnabled(true);
    if (tlsDir.isPresent()) {
      CertificateAuthority ca = CertificateAuthority.loadOrCreate(tlsDir.get(),
          Clock.systemUTC());
      ServingCertificate serving = ServingCertificate.loadOrIssue(tlsDir.get(), ca,
          SubjectAltNames.localDefaults(List.of()), Clock.systemUTC());
      TlsContexts.secure(options, serving.issued(), ca);
      clientTls = Optional.of(TlsContexts.clientContext(ca.certificate(), Optional.empty()));
    } else {
      clientTls = Optional.empty();
    }
    HttpServer server = vertx.createHttpServer(ConnectionGuards.apply(options, limits))
        .requestHandler(this::serve);
    guards = new ConnectionGuards(vertx, limits);
    guards.install(server);
    port = server.listen().await().actualPort();
  }

  static GuardedServer plain(ConnectionLimits limits) {
    return new GuardedServer(limits, Optional.empty());
  }

  static GuardedServer tls(ConnectionLimits limits, Path dir) {
    return new GuardedServer(limits, Optional.of(dir));
  }

  static ConnectionLimits limits(Duration header, Duration idle) {
    return ConnectionLimits.defaults().withRequestHeaderTimeout(header).withIdleTimeout(idle);
  }

  HttpClient client(HttpClient.Version version) {
    HttpClient.Builder builder = HttpClient.newBuilder().version(version)
        .connectTimeout(Duration.ofSeconds(10));
    clientTls.ifPresent(builder::sslContext);
    return builder.build();
  }

  HttpResponse<String> get(HttpClient http, String path) throws Exception {
    // "localhost" for TLS: the JDK client checks the name against the certificate.
    String base = clientTls.isPresent() ? "https://localhost:" : "http://127.0.0.1:";
    return http.send(HttpRequest.newBuilder(URI.create(base + port + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void serve(HttpServerRequest request) {
    if (request.path().equals("/ws")) {
      // As HttpFrontend does for a WebSocket watch: upgrade, then push a frame every 300 ms.
      request.toWebSocket().onSuccess(ws -> {
        long timer = vertx.setPeriodic(300, id -> ws.writeTextMessage("event"));
        ws.closeHandler(v -> vertx.cancelTimer(timer));
      });
      return;
    }
    if (request.path().equals("/stream")) {
      var response = request.response().setChunked(true);
      response.write("event 0\n");
      AtomicInteger sent = new AtomicInteger();
      vertx.setPeriodic(2000, id -> {
        if (sent.incrementAndGet() == 6) {
          vertx.cancelTimer(id);
          response.end("done\n");
        } else {
          response.write("event " + sent.get() + "\n");
        }
      });
      return;
    }
    request.body().onSuccess(body -> request.response().end("ok"));
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}

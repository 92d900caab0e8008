package io.capstan.apiserver.http;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.guard.ConnectionGuards;
import io.capstan.apiserver.guard.ConnectionLimits;
import io.capstan.apiserver.tls.CertificateAuthority;
import io.capstan.apiserver.tls.IssuedCertificate;
import io.capstan.apiserver.tls.TlsContexts;
import io.capstan.store.StoreException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network edge: a Vert.x HTTP server (HTTPS with HTTP/2 and HTTP/1.1 by ALPN when the server
 * has security, otherwise plain HTTP/1.1), guarded against slow and oversized clients, that
 * collects each request's body up to the size limit on the event loop, then runs the handler on a
 * virtual thread, because the handlers block on the store. Each request is then audited if it
 * changed something and the server keeps an audit log.
 */
public final class HttpFrontend implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpFrontend.class);

  /** How much of an oversized body is read and dropped before the connection is closed. */
  private static final long MAX_DISCARDED_BYTES = 64L * 1024 * 1024;

  private final Vertx vertx;
  private final Router router;
  private final int maxRequestBytes;
  private final Optional<HttpSecurity> security;
  private final Optional<RequestAudit> audit;
  private final Clock clock;
  private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
  private HttpServer server;

  HttpFrontend(Vertx vertx, Router router, int maxRequestBytes, Optional<HttpSecurity> security,
      Optional<RequestAudit> audit, Clock clock) {
    this.vertx = vertx;
    this.router = router;
    this.maxRequestBytes = maxRequestBytes;
    this.security = security;
    this.audit = audit;
    this.clock = clock;
  }

  /** Listens and returns the bound port. */
  int listen(String host, int port) throws InterruptedException {
    ConnectionLimits limits = ConnectionLimits.defaults();
    HttpServerOptions options = ConnectionGuards.apply(new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setDecompressionSupported(true), limits);
    security.ifPresent(s -> TlsContexts.secure(options, s.serving(), s.ca()));
    server = new ConnectionGuards(vertx, limits)
        .install(vertx.createHttpServer(options).requestHandler(this::accept));
    try {
      return server.listen().toCompletionStage().toCompletableFuture().get().actualPort();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot listen on " + host + ":" + port + ": "
          + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Serves {@code serving} to new connections from now on; open ones keep theirs. */
  public void updateServing(IssuedCertificate serving, CertificateAuthority ca) {
    server.updateSSLOptions(TlsContexts.serverSslOptions(serving, ca))
        .onSuccess(updated -> LOG.info("serving with a renewed certificate, expiring {}",
            serving.certificate().getNotAfter().toInstant()))
        .onFailure(e -> LOG.warn("cannot switch to the renewed certificate: {}", e.toString()));
  }

  private void accept(HttpServerRequest request) {
    Context context = Vertx.currentContext();
    if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      // A WebSocket watch has no body, and Vert.x can only upgrade a request it has not read:
      // leave it paused until the handler decides to upgrade or to answer plainly.
      request.pause();
      handlers.execute(() -> dispatch(new VertxExchange(request, context, new byte[0])));
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] rejected = {false};
    long[] discarded = {0};
    String declared = request.getHeader("Content-Length");
    if (declared != null && parseLength(declared) > maxRequestBytes) {
      rejected[0] = true;
      reject(request, context);
    }
    request.handler(chunk -> {
      if (rejected[0]) {
        // The 413 is sent; read and drop the rest so the client can read it, up to a bound.
        discarded[0] += chunk.length();
        if (discarded[0] > MAX_DISCARDED_BYTES) {
          request.connection().close();
        }
        return;
      }
      if (body.length() + chunk.length() > maxRequestBytes) {
        rejected[0] = true;
        reject(request, context);
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(e -> LOG.debug("request failed: {}", e.toString()));
    request.endHandler(v -> {
      if (!rejected[0]) {
        handlers.execute(() -> dispatch(new VertxExchange(request, context, body.getBytes())));
      }
    });
  }

  private void reject(HttpServerRequest request, Context context) {
    VertxExchange exchange = new VertxExchange(request, context, new byte[0]);
    Responses.error(exchange, ApiException.tooLarge("the request body is larger than "
        + maxRequestBytes + " bytes"));
  }

  private void dispatch(Exchange exchange) {
    RequestScope scope = new RequestScope(clock.instant());
    Optional<ApiException> failure = Optional.empty();
    try {
      router.handle(exchange, scope);
    } catch (ApiException e) {
      failure = Optional.of(e);
      Responses.error(exchange, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (StoreException.Unavailable e) {
      // Wherever the request met it (a namespace check, a read before a write), a store that
      // cannot answer — etcd without a leader or a quorum — is the server's temporary state.
      LOG.warn("storage unavailable serving {} {}: {}", exchange.method(), exchange.path(),
          e.getMessage());
      failure = Optional.of(ApiException.unavailable("storage is unavailable: " + e.getMessage()));
      Responses.error(exchange, failure.get());
    } catch (RuntimeException | Error e) {
      LOG.error("unexpected failure serving {} {}", exchange.method(), exchange.path(), e);
      failure = Optional.of(ApiException.internal("Internal error occurred: "
          + e.getClass().getSimpleName()));
      Responses.error(exchange, failure.get());
    }
    Optional<ApiException> refused = failure;
    audit.ifPresent(a -> a.record(exchange, scope, refused));
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    if (server != null) {
      try {
        server.close().toCompletionStage().toCompletableFuture().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        LOG.debug("closing the HTTP server failed", e);
      }
    }
    handlers.shutdownNow();
    audit.ifPresent(RequestAudit::close);
  }
}

package io.capstan.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;

/**
 * Builds the API clients of the server's own components (controllers, scheduler, simulated nodes,
 * node agent, proxy) over one Vert.x instance, speaking HTTP/2.
 *
 * <p>Why HTTP/2: fabric8 defaults to HTTP/1.1 with a pool of up to 8,192 connections, so a burst of
 * concurrent requests (1,000 simulated pods reporting status at once) opens a connection, and pays a
 * TLS handshake with client-certificate signatures on both ends, per request in flight; the idle
 * ones are closed again a minute later. Over HTTP/2 every request of a component is a stream on one
 * connection, as with client-go. Why one Vert.x: each instance brings its own event loops and
 * worker pool; the components' clients are light and share them.
 */
final class ApiClients implements AutoCloseable {

  private final Vertx vertx;
  private final Vertx5HttpClientFactory factory;

  ApiClients() {
    // Two event loops carry every component's connections; fabric8 hands responses to its own
    // executors, so nothing slow runs on them.
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(4)
        .setInternalBlockingPoolSize(2));
    this.factory = new Http2ClientFactory(vertx);
  }

  /** A client with these credentials; closing it leaves the shared Vert.x running. */
  KubernetesClient client(ApiCredentials credentials) {
    return new KubernetesClientBuilder().withConfig(credentials.fabric8())
        .withHttpClientFactory(factory).build();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static final class Http2ClientFactory extends Vertx5HttpClientFactory {

    Http2ClientFactory(Vertx vertx) {
      super(vertx);
    }

    @Override
    protected void additionalConfig(WebClientOptions options, WebSocketClientOptions webSockets,
        PoolOptions pool) {
      // ALPN picks h2 with the API server; a server without it would still answer HTTP/1.1.
      options.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true);
      // A second connection only when the first carries as many streams as the server allows.
      pool.setHttp2MaxSize(4);
    }
  }
}

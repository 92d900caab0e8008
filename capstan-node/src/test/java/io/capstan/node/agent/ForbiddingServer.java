package io.capstan.node.agent;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server that answers every request, watch upgrades included, as the API server answers a
 * node the Node authorizer turns away: 403 with a Kubernetes {@code Status} body.
 */
final class ForbiddingServer implements AutoCloseable {

  private static final String STATUS = """
      {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
      "message":"forbidden: no relationship found between node and this object",\
      "reason":"Forbidden","code":403}""";

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;

  ForbiddingServer() throws Exception {
    server = vertx.createHttpServer()
        .requestHandler(request -> request.response().setStatusCode(403)
            .putHeader("Content-Type", "application/json").end(STATUS))
        .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.actualPort() + "/");
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}

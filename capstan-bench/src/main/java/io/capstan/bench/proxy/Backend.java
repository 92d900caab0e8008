package io.capstan.bench.proxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's backends, run in a JVM of their own ({@link BackendProcess}) so that they do
 * not share a heap, a collector or event loops with the proxy being measured:
 * {@code Backend PORT ADDRESS...} serves a fixed 200 response of about 100 bytes, with
 * keep-alive, on PORT of each ADDRESS, prints {@code ready} once all listen, and exits when its
 * standard input closes (so it never outlives the benchmark).
 */
public final class Backend {

  /** With the status line and the two headers below, the whole response is 100 bytes. */
  private static final Buffer BODY = Buffer.buffer("capstan benchmark backend: 35 bytes");

  private Backend() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: Backend PORT ADDRESS...");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    int eventLoops = Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
    MultiMap headers = HttpHeaders.headers()
        .add(HttpHeaders.CONTENT_TYPE, HttpHeaders.createOptimized("text/plain"))
        .add(HttpHeaders.CONTENT_LENGTH, HttpHeaders.createOptimized(
            Integer.toString(BODY.length())));
    // Each address gets a server on every event loop (Vert.x shares the bound socket among them
    // and deals the connections round robin), so one backend alone, the direct target, can use
    // every core, as the four together do.
    List<Future<?>> listening = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      for (int loop = 0; loop < eventLoops; loop++) {
        listening.add(vertx.createHttpServer(new HttpServerOptions().setHost(args[i])
                .setPort(port))
            .requestHandler(request -> {
              request.response().headers().setAll(headers);
              request.response().end(BODY);
            })
            .listen());
      }
    }
    Future.all(listening).await();
    System.out.println("ready");
    System.out.flush();
    try {
      System.in.readAllBytes();
    } catch (IOException e) {
      // the benchmark went away: stop too
    }
    System.exit(0);
  }
}

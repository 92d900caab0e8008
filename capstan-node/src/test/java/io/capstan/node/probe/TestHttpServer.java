package io.capstan.node.probe;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP(S) server on 127.0.0.1 with the endpoints the probe tests need; it remembers the
 * request headers each path last saw.
 */
final class TestHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);
  private final Map<String, Headers> seen = new ConcurrentHashMap<>();

  private TestHttpServer(HttpServer server) {
    this.server = server;
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  static TestHttpServer http() throws IOException {
    return new TestHttpServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
  }

  static TestHttpServer https(SSLContext tls) throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new TestHttpServer(server);
  }

  int port() {
    return server.getAddress().getPort();
  }

  Headers headersSeenAt(String path) {
    return seen.get(path);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    seen.put(path, exchange.getRequestHeaders());
    try (exchange) {
      switch (path) {
        case "/ok", "/headers" -> respond(exchange, 200, "fine");
        case "/created" -> respond(exchange, 201, "");
        case "/fail" -> respond(exchange, 500, "secret detail");
        case "/notfound" -> respond(exchange, 404, "");
        case "/redirect" -> redirect(exchange, 301, "/ok");
        case "/redirect-to-fail" -> redirect(exchange, 302, "/fail");
        case "/elsewhere" -> redirect(exchange, 302, "http://localhost:" + port() + "/ok");
        case "/loop" -> redirect(exchange, 302, "/loop");
        case "/big" -> respond(exchange, 200, "x".repeat(100 * 1024));
        case "/chunked" -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write("part one,".getBytes(StandardCharsets.UTF_8));
            body.flush();
            body.write("part two".getBytes(StandardCharsets.UTF_8));
          }
        }
        case "/slow" -> {
          awaitRelease();
          respond(exchange, 200, "late");
        }
        default -> respond(exchange, 404, "");
      }
    }
  }

  private void awaitRelease() {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void redirect(HttpExchange exchange, int status, String location)
      throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    respond(exchange, status, "moved");
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}

package io.capstan.apiserver.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.guard.InflightLimiter.Limits;
import io.capstan.apiserver.guard.InflightLimiter.Permit;
import io.capstan.apiserver.json.Json;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The limiter behind a real Vert.x server whose handler runs on virtual threads, as the API
 * server's do: {@code /hold} waits for the test, {@code /fail} throws, {@code /} answers; the
 * client is named by the {@code X-User} header.
 */
class InflightLimiterServerTest {

  private final Vertx vertx = Vertx.vertx();
  private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
  private final InflightLimiter limiter = new InflightLimiter(new Limits(3, 1, 10, 10));
  private final CountDownLatch release = new CountDownLatch(1);
  private final HttpClient http = HttpClient.newHttpClient();
  private int port;

  @BeforeEach
  void start() {
    port = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(this::accept).listen().await().actualPort();
  }

  @AfterEach
  void stop() {
    release.countDown();
    handlers.shutdownNow();
    vertx.close().await();
  }

  private void accept(HttpServerRequest request) {
    Context context = Vertx.currentContext();
    request.pause();
    handlers.execute(() -> serve(request, context));
  }

  private void serve(HttpServerRequest request, Context context) {
    boolean mutating = !request.method().name().equals("GET");
    var permit = limiter.tryAcquire(request.getHeader("X-User"), mutating);
    if (permit.isEmpty()) {
      ApiException e = InflightLimiter.rejection();
      String body = Json.MAPPER.writeValueAsString(Json.toTree(e.status()));
      context.runOnContext(v -> request.response().setStatusCode(e.code())
          .putHeader("Retry-After", String.valueOf(e.status().getDetails().getRetryAfterSeconds()))
          .end(body));
      return;
    }
    int status = 200;
    try (Permit held = permit.get()) {
      work(request.path());
    } catch (IllegalStateException | InterruptedException e) {
      status = 500;
    }
    int code = status;
    context.runOnContext(v -> request.response().setStatusCode(code).end("done"));
  }

  private void work(String path) throws InterruptedException {
    if (path.equals("/hold")) {
      release.await(30, TimeUnit.SECONDS);
    } else if (path.equals("/fail")) {
      throw new IllegalStateException("handler failed");
    }
  }

  @Test
  void clientOverItsLimitGets429WithRetryAfterWhileOthersAreServed() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(sendAsync("alice", "GET", "/hold"));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> limiter.inFlight(false) == 3);

    HttpResponse<String> refused = send("alice", "GET", "/");
    HttpResponse<String> bob = send("bob", "GET", "/");

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    JsonNode status = Json.MAPPER.readTree(refused.body());
    assertThat(status.path("reason").asString()).isEqualTo("TooManyRequests");
    assertThat(status.path("message").asString())
        .isEqualTo("Too many requests, please try again later.");
    assertThat(status.path("details").path("retryAfterSeconds").asInt()).isEqualTo(1);
    assertThat(bob.statusCode()).isEqualTo(200);

    release.countDown();
    for (var f : held) {
      assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(limiter.inFlight(false)).isZero();
    assertThat(send("alice", "GET", "/").statusCode()).isEqualTo(200);
  }

  @Test
  void failedRequestsGiveTheirPermitsBack() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(send("alice", "POST", "/fail").statusCode()).isEqualTo(500);
    }

    assertThat(limiter.inFlight(true)).isZero();
    assertThat(send("alice", "POST", "/").statusCode()).isEqualTo(200);
  }

  private HttpRequest request(String user, String method, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("X-User", user).method(method, HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(30)).build();
  }

  private HttpResponse<String> send(String user, String method, String path) throws Exception {
    return http.send(request(user, method, path), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> sendAsync(String user, String method,
      String path) {
    return http.sendAsync(request(user, method, path), HttpResponse.BodyHandlers.ofString());
  }
}

package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * One watch request as kubectl makes it ({@code ?resourceVersion=RV&watch=true}, with the Accept
 * header of the printer: Tables or objects), handing each event's object to a consumer until the
 * server ends the watch or the deadline passes. Reading happens on its own thread so that the
 * deadline holds even while no event comes.
 */
final class WatchStream {

  private static final JsonNode END = Json.MAPPER.nullNode();

  private final Cluster cluster;
  private final String accept;

  WatchStream(Cluster cluster, String accept) {
    this.cluster = cluster;
    this.accept = accept;
  }

  void run(String collectionPath, String query, String resourceVersion,
      Optional<Duration> timeout, Consumer<JsonNode> onObject) throws InterruptedException {
    String path = collectionPath + "?" + (query.isEmpty() ? "" : query + "&")
        + "resourceVersion=" + resourceVersion + "&watch=true"
        + timeout.map(t -> "&timeoutSeconds=" + Math.max(1, t.toSeconds())).orElse("");
    LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    InputStream body = open(path);
    Thread reader = Thread.ofVirtual().start(() -> read(body, events));
    Instant deadline = timeout.map(t -> Instant.now().plus(t)).orElse(Instant.MAX);
    try {
      while (true) {
        long left = Duration.between(Instant.now(), deadline).toMillis();
        if (left <= 0) {
          return;
        }
        JsonNode event = events.poll(Math.min(left, 60_000), TimeUnit.MILLISECONDS);
        if (event == END) {
          return;
        }
        if (event != null) {
          handle(event, onObject);
        }
      }
    } finally {
      closeQuietly(body);
      reader.interrupt();
    }
  }

  private static void handle(JsonNode event, Consumer<JsonNode> onObject) {
    String type = event.path("type").asString("");
    JsonNode object = event.path("object");
    if (type.equals("ERROR")) {
      throw new KubectlError("Error from server (" + object.path("reason").asString("")
          + "): " + object.path("message").asString(""));
    }
    if (!type.equals("BOOKMARK")) {
      onObject.accept(object);
    }
  }

  private InputStream open(String path) {
    String base = cluster.masterUrl().replaceAll("/+$", "");
    HttpRequest request = cluster.client().getHttpClient().newHttpRequestBuilder()
        .uri(URI.create(base + path)).header("Accept", accept).build();
    try {
      HttpResponse<InputStream> response = cluster.client().getHttpClient()
          .sendAsync(request, InputStream.class).get();
      if (response.code() < 200 || response.code() >= 300) {
        String text = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        throw new KubectlError(ServerErrors.describe(new Cluster.Reply(response.code(), text)));
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubectlError("error: interrupted");
    } catch (ExecutionException | IOException e) {
      throw new KubectlError("error: " + (e.getCause() == null ? e : e.getCause()));
    }
  }

  private static void read(InputStream body, LinkedBlockingQueue<JsonNode> events) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(body, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          events.add(Json.MAPPER.readTree(line));
        }
      }
    } catch (IOException | RuntimeException e) {
      // The stream ended or was closed at the deadline; either way the watch is over.
    } finally {
      events.add(END);
    }
  }

  private static void closeQuietly(InputStream body) {
    try {
      body.close();
    } catch (IOException e) {
      // Closing is best effort: the process ends right after.
    }
  }
}

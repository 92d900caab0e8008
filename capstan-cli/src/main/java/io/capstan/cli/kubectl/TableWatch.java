package io.capstan.cli.kubectl;

import io.capstan.apiserver.json.Json;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code get -w}: after the list, a watch from the list's resourceVersion asking for Tables (as
 * kubectl does, {@code ?watch=true&resourceVersion=RV} with the Table Accept header), one row
 * printed per event, columns kept aligned with what was printed before (widths only grow, like
 * kubectl's tab writer). Ends when the server ends the watch or at {@code --request-timeout}.
 */
final class TableWatch {

  private static final JsonNode END = Json.MAPPER.nullNode();

  private final Cluster cluster;
  private final TableFormatter formatter;
  private final PrintWriter out;
  private int[] widths = new int[0];
  private boolean headerPrinted;
  private JsonNode definitions;

  TableWatch(Cluster cluster, TableFormatter formatter, PrintWriter out) {
    this.cluster = cluster;
    this.formatter = formatter;
    this.out = out;
  }

  /** Prints the listed table, unless {@code watchOnly}: header and rows. */
  void printList(JsonNode table, boolean watchOnly) {
    if (!table.path("columnDefinitions").isEmpty()) {
      definitions = table.path("columnDefinitions");
    }
    if (watchOnly || TableFormatter.rowCount(List.of(table)) == 0) {
      return;
    }
    print(table);
  }

  /**
   * Watches {@code collectionPath} (its query holds the selectors, may be empty) from
   * {@code resourceVersion}, printing each event's rows until the watch ends or the deadline.
   */
  void watch(String collectionPath, String query, String resourceVersion,
      Optional<Duration> timeout) throws InterruptedException {
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
          handle(event);
        }
      }
    } finally {
      closeQuietly(body);
      reader.interrupt();
    }
  }

  private void handle(JsonNode event) {
    String type = event.path("type").asString("");
    JsonNode object = event.path("object");
    if (type.equals("ERROR")) {
      throw new KubectlError("Error from server (" + object.path("reason").asString("")
          + "): " + object.path("message").asString(""));
    }
    if (!type.equals("BOOKMARK") && "Table".equals(object.path("kind").asString(""))) {
      print(object);
    }
  }

  private void print(JsonNode received) {
    // Servers send column definitions with the first Table of a watch only.
    JsonNode table = received;
    if (received.path("columnDefinitions").isEmpty() && definitions != null) {
      ObjectNode copy = ((ObjectNode) received).deepCopy();
      copy.set("columnDefinitions", definitions);
      table = copy;
    } else {
      definitions = received.path("columnDefinitions");
    }
    Columns columns = new Columns();
    if (!headerPrinted && !formatter.noHeaders()) {
      columns.add(formatter.header(table));
    }
    headerPrinted = true;
    formatter.rows(List.of(table)).forEach(columns::add);
    widths = columns.widen(widths);
    out.print(columns.render(widths));
    out.flush();
  }

  private InputStream open(String path) {
    String base = cluster.masterUrl().replaceAll("/+$", "");
    HttpRequest request = cluster.client().getHttpClient().newHttpRequestBuilder()
        .uri(URI.create(base + path)).header("Accept", Cluster.TABLE).build();
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

package io.capstan.apiserver.http;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.resources.podlog.PodLogLocation;
import io.capstan.apiserver.resources.podlog.PodLogOptions;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/namespaces/{ns}/pods/{name}/log}: checks the request as upstream's
 * LogREST does, then proxies it to the node's {@code /containerLogs} endpoint and streams the
 * body back chunk by chunk. A slow client slows the copy (the chunked stream blocks), and a
 * client that disconnects closes the connection to the node, which ends a follow there.
 */
final class PodLogHandler {

  private static final Logger LOG = LoggerFactory.getLogger(PodLogHandler.class);
  /** How much of a node's error body becomes the message, as upstream's response checker. */
  private static final int MAX_ERROR_BYTES = 50_000;
  private static final Duration DISCONNECT_CHECK = Duration.ofMillis(200);

  private final Map<ResourceType, GenericRegistry> registries;
  /** Built on first use: a client owns a selector thread, and most servers never proxy a log. */
  private HttpClient http;

  PodLogHandler(Map<ResourceType, GenericRegistry> registries) {
    this.registries = registries;
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
    }
    return http;
  }

  void handle(Exchange exchange, RequestPath path, GenericRegistry pods)
      throws InterruptedException {
    if (!exchange.method().equals("GET")) {
      throw ApiException.methodNotAllowed("log supports GET");
    }
    PodLogOptions options = PodLogOptions.parse(exchange::query);
    options.validate(path.name());
    ObjectNode pod = pods.get(path.namespace(), path.name());
    String container = PodLogLocation.container(pod, options.container());
    String nodeName = pod.path("spec").path("nodeName").asString("");
    if (nodeName.isEmpty()) {
      // Upstream has no location for an unscheduled pod and answers with no content.
      exchange.respond(204, "text/plain", new byte[0], Map.of());
      return;
    }
    ObjectNode node = nodes().get("", nodeName);
    PodLogLocation.NodeEndpoint endpoint = PodLogLocation.endpoint(node, path.name());
    PodLogLocation.requireLog(pod, container, options.previous());
    String query = options.nodeQuery();
    URI uri = URI.create("http://" + hostPort(endpoint) + "/containerLogs/" + path.namespace()
        + "/" + path.name() + "/" + container + (query.isEmpty() ? "" : "?" + query));
    proxy(exchange, uri, path.name());
  }

  private void proxy(Exchange exchange, URI uri, String podName) throws InterruptedException {
    HttpResponse<InputStream> response;
    try {
      response = http().send(HttpRequest.newBuilder(uri).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw unreachable(uri, e);
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status < 200 || status > 206) {
        throw nodeError(status, readError(body), podName);
      }
      ResponseStream stream = exchange.stream(200, "text/plain", Map.of());
      try {
        copy(body, stream);
      } finally {
        stream.close();
      }
    } catch (IOException e) {
      LOG.debug("log proxy from {} ended: {}", uri, e.toString());
    }
  }

  /** Copies until the node ends the body or the client goes away, whichever comes first. */
  private static void copy(InputStream body, ResponseStream stream)
      throws IOException, InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    // A follow can wait long for its next line; closing the body is what tells the node the
    // client left, so watch for the client going away while the copy waits.
    Thread watcher = Thread.ofVirtual().start(() -> {
      try {
        while (!done.await(DISCONNECT_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
          if (stream.isClosed()) {
            body.close();
            return;
          }
        }
      } catch (InterruptedException | IOException e) {
        // Nothing more to watch.
      }
    });
    try {
      byte[] buffer = new byte[8192];
      int n;
      while ((n = body.read(buffer)) >= 0) {
        if (n > 0 && !stream.write(java.util.Arrays.copyOf(buffer, n))) {
          return;
        }
      }
    } finally {
      done.countDown();
      watcher.join();
    }
  }

  private static byte[] readError(InputStream body) throws IOException {
    return body.readNBytes(MAX_ERROR_BYTES);
  }

  /** Upstream's GenericHttpResponseChecker for {@code pods/log}. */
  private static ApiException nodeError(int status, byte[] body, String podName) {
    String text = new String(body, StandardCharsets.UTF_8);
    return switch (status) {
      case 400 -> ApiException.badRequest(text);
      case 500 -> ApiException.internal("Internal error occurred: " + text);
      default -> {
        String reason = status == 404 ? "NotFound" : null;
        String message = status == 404 ? "the server could not find the requested resource"
            : "the server responded with the status code " + status
                + " but did not return more information";
        yield new ApiException(new StatusBuilder()
            .withStatus("Failure")
            .withCode(status)
            .withReason(reason)
            .withMessage(message + " ( pods/log " + podName + ")")
            .withNewDetails().withName(podName).withKind("pods/log").endDetails()
            .build());
      }
    };
  }

  /** The connection error as upstream reports it: a 500 with the Go client's wording. */
  private static ApiException unreachable(URI uri, IOException e) {
    String cause = e.getMessage() == null || e.getMessage().isEmpty()
        ? e.getClass().getSimpleName() : e.getMessage();
    return new ApiException(new StatusBuilder()
        .withStatus("Failure")
        .withCode(500)
        .withMessage("Get \"" + uri + "\": " + cause)
        .build());
  }

  private GenericRegistry nodes() {
    return registries.entrySet().stream()
        .filter(e -> e.getKey().group().isEmpty() && e.getKey().plural().equals("nodes"))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(ApiException::notFoundPath);
  }

  private static String hostPort(PodLogLocation.NodeEndpoint endpoint) {
    return endpoint.host().contains(":") ? "[" + endpoint.host() + "]:" + endpoint.port()
        : endpoint.host() + ":" + endpoint.port();
  }
}

package io.capstan.apiserver.component;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.store.Store;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.UnaryOperator;

/** An API server on a free port over a memory store, with a fabric8 client and raw HTTP access. */
final class TestServer implements AutoCloseable {

  final Store store;
  final ApiServer server;
  final KubernetesClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestServer(Store store, ApiServer server) {
    this.store = store;
    this.server = server;
    this.client = clientFor(server.url());
  }

  static TestServer start() throws Exception {
    return start(new MemoryStore(), c -> c);
  }

  static TestServer start(Store store, UnaryOperator<ApiServerConfig> tweak) throws Exception {
    ApiServer server = ApiServer.start(store, tweak.apply(ApiServerConfig.defaults().withPort(0)));
    return new TestServer(store, server);
  }

  static KubernetesClient clientFor(String url) {
    Config config = new ConfigBuilder()
        .withMasterUrl(url)
        .withNamespace("default")
        .withRequestRetryBackoffLimit(0)
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  HttpResponse<String> send(String method, String path, String contentType, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}

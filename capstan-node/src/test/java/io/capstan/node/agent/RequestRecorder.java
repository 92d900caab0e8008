package io.capstan.node.agent;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Records every request a client sends (method, path and query as they go on the wire, watches
 * included) and can send the requests a predicate picks to {@link ForbiddingServer} instead, so
 * that the client sees the API server's 403 for them, as a node does before the authorizer knows
 * the pod that references an object.
 */
final class RequestRecorder implements Interceptor {

  /** One request: {@code method}, the raw path, the raw query (empty if none). */
  record Request(String method, String path, String query) {
    @Override
    public String toString() {
      return method + " " + path + (query.isEmpty() ? "" : "?" + query);
    }
  }

  private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
  private final Queue<Request> denied = new ConcurrentLinkedQueue<>();
  private final URI forbidding;
  private volatile Predicate<Request> deny = request -> false;

  RequestRecorder(URI forbidding) {
    this.forbidding = forbidding;
  }

  /** A client of {@code serverUrl} whose requests this recorder sees. */
  KubernetesClient client(String serverUrl) {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl(serverUrl)
            .withRequestRetryBackoffLimit(0).build())
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("recorder",
            this))
        .build();
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    URI uri = request.uri();
    Request seen = new Request(request.method(), uri.getRawPath(),
        uri.getRawQuery() == null ? "" : uri.getRawQuery());
    requests.add(seen);
    if (deny.test(seen)) {
      denied.add(seen);
      builder.uri(forbidding.resolve(uri.getRawPath()
          + (seen.query().isEmpty() ? "" : "?" + seen.query())));
    }
  }

  void deny(Predicate<Request> which) {
    deny = which;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> denied() {
    return List.copyOf(denied);
  }
}

package io.capstan.cli.kubectl;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * One API server as a kubeconfig context describes it: the fabric8 client (for its
 * authentication and TLS set-up) and raw GETs with the Accept headers kubectl sends.
 */
final class Cluster implements AutoCloseable {

  /** What kubectl asks for when it prints a table. */
  static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,"
      + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
  static final String JSON = "application/json";

  private final KubernetesClient client;
  private final String namespace;

  private Cluster(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  static Cluster connect(Path kubeconfig, Optional<String> context, Optional<String> namespace) {
    return connect(kubeconfig, context, namespace, true);
  }

  /** {@code retries} false: the client does not retry 429 and 5xx answers itself. */
  static Cluster connect(Path kubeconfig, Optional<String> context, Optional<String> namespace,
      boolean retries) {
    String content;
    try {
      content = Files.readString(kubeconfig);
    } catch (IOException e) {
      throw new KubectlError("error: stat " + kubeconfig + ": no such file or directory");
    }
    Config config = Config.fromKubeconfig(context.orElse(null), content, kubeconfig.toString());
    String ns = namespace.filter(n -> !n.isEmpty())
        .or(() -> Optional.ofNullable(config.getNamespace()))
        .orElse("default");
    config.setNamespace(ns);
    if (!retries) {
      config.setRequestRetryBackoffLimit(0);
    }
    return new Cluster(new KubernetesClientBuilder().withConfig(config).build(), ns);
  }

  String namespace() {
    return namespace;
  }

  String masterUrl() {
    return client.getConfiguration().getMasterUrl();
  }

  /** The fabric8 client, for watches and informers. */
  KubernetesClient client() {
    return client;
  }

  /** A GET of {@code path}; the status code and body, whatever the status. */
  Reply get(String path, String accept) {
    return send("GET", path, null, null, accept);
  }

  /**
   * Any request: {@code method} on {@code path} (absolute, from {@code /api} or {@code /apis},
   * with its query), with a body of {@code contentType} when {@code body} is not null. Returns the
   * status code and body whatever the status; only an unreachable server is an error.
   */
  Reply send(String method, String path, String contentType, String body, String accept) {
    String base = masterUrl().replaceAll("/+$", "");
    HttpRequest.Builder builder = client.getHttpClient().newHttpRequestBuilder()
        .uri(URI.create(base + path)).header("Accept", accept);
    if (body != null) {
      builder.method(method, contentType, body);
    } else if (!method.equals("GET")) {
      builder.method(method, JSON, "");
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> response = client.getHttpClient()
          .sendAsync(request, String.class).get();
      return new Reply(response.code(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubectlError("error: interrupted");
    } catch (ExecutionException e) {
      throw unreachable(e.getCause());
    }
  }

  private KubectlError unreachable(Throwable cause) {
    URI uri = URI.create(masterUrl());
    String host = uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort()
        : "https".equals(uri.getScheme()) ? 443 : 80);
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return new KubectlError("The connection to the server " + host
            + " was refused - did you specify the right host or port?");
      }
    }
    return new KubectlError("error: " + cause);
  }

  @Override
  public void close() {
    client.close();
  }

  /** One HTTP answer. */
  record Reply(int code, String body) {
    boolean ok() {
      return code >= 200 && code < 300;
    }
  }
}

package io.capstan.controller.runtime;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** An in-process API server over a memory store on a free port, with a fabric8 client. */
final class TestApi implements AutoCloseable {

  final ApiServer server;
  final KubernetesClient client;

  private TestApi(ApiServer server) {
    this.server = server;
    this.client = newClient();
  }

  static TestApi start() throws Exception {
    return new TestApi(ApiServer.start(new MemoryStore(), ApiServerConfig.defaults().withPort(0)));
  }

  /** A further client on the same server, e.g. one per leader-election candidate. */
  KubernetesClient newClient() {
    Config config = new ConfigBuilder()
        .withMasterUrl(server.url())
        .withNamespace("default")
        .withRequestRetryBackoffLimit(0)
        .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}

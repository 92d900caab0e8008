package io.capstan.bench.proxy;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.controller.runtime.SystemScheduler;
import io.capstan.proxy.ServiceProxy;
import io.capstan.proxy.ServiceProxyConfig;
import io.capstan.proxy.routing.ServicePortKey;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The system under test: an API server over a memory store and the real {@link ServiceProxy},
 * wired as {@code capstan server}'s local node wires it (default config, wall clock, a scheduler
 * of its own), in this JVM. Both sit idle while wrk runs, apart from the proxy's data path.
 */
final class CapstanProxy implements AutoCloseable {

  private static final String NAMESPACE = "bench";
  private static final String PORT_NAME = "http";

  private final ApiServer server;
  private final KubernetesClient client;
  private final SystemScheduler scheduler;
  private final ServiceProxy proxy;

  private CapstanProxy(ApiServer server, KubernetesClient client, SystemScheduler scheduler,
      ServiceProxy proxy) {
    this.server = server;
    this.client = client;
    this.scheduler = scheduler;
    this.proxy = proxy;
  }

  static CapstanProxy start() throws Exception {
    ApiServer server = ApiServer.start(new MemoryStore(), ApiServerConfig.defaults().withPort(0));
    KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(server.url()).withRequestRetryBackoffLimit(0).build()).build();
    SystemScheduler scheduler = new SystemScheduler("capstan-proxy");
    ServiceProxy proxy = ServiceProxy.start(client,
        ServiceProxyConfig.defaults("bench-node", "127.0.0.1"), Clock.systemUTC(), scheduler);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
        .endMetadata().build()).create();
    return new CapstanProxy(server, client, scheduler, proxy);
  }

  /**
   * Creates a selector-less Service on {@code port} and an EndpointSlice with one ready endpoint
   * per backend address, waits until the proxy routes to all of them and the ClusterIP accepts,
   * and returns the ClusterIP.
   */
  String publish(String name, int port, List<String> backends, int backendPort)
      throws IOException, InterruptedException {
    String clusterIp = client.services().inNamespace(NAMESPACE).resource(new ServiceBuilder()
        .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
        .withNewSpec().addNewPort().withName(PORT_NAME).withPort(port).withProtocol("TCP")
        .withNewTargetPort(backendPort).endPort().endSpec().build())
        .create().getSpec().getClusterIP();
    List<Endpoint> endpoints = backends.stream().map(address -> new EndpointBuilder()
        .withAddresses(address).withNewConditions().withReady(true).withServing(true)
        .withTerminating(false).endConditions().build()).toList();
    client.discovery().v1().endpointSlices().inNamespace(NAMESPACE).resource(
        new EndpointSliceBuilder().withNewMetadata().withName(name + "-1").withNamespace(NAMESPACE)
            .addToLabels("kubernetes.io/service-name", name).endMetadata()
            .withAddressType("IPv4").addNewPort().withName(PORT_NAME).withPort(backendPort)
            .withProtocol("TCP").endPort().withEndpoints(endpoints).build())
        .create();
    ServicePortKey key = new ServicePortKey(NAMESPACE, name, PORT_NAME);
    Instant deadline = Instant.now().plusSeconds(10);
    while (proxy.usableEndpoints(key).size() < backends.size()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IOException("the proxy routes " + key + " to " + proxy.usableEndpoints(key)
            + ", not to all of " + backends);
      }
      Thread.sleep(20);
    }
    Sockets.awaitAccepting(clusterIp, port, Duration.ofSeconds(10));
    return clusterIp;
  }

  @Override
  public void close() {
    proxy.close();
    scheduler.close();
    client.close();
    server.close();
  }
}

package io.capstan.proxy;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.controller.runtime.testing.FakeClock;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An in-process API server with a fabric8 client, a fake clock for the proxy's timers, a
 * namespace, the proxy under test, and the TCP backends a test starts.
 */
final class ProxyFixture implements AutoCloseable {

  static final String NODE = "node-1";

  final ApiServer server;
  final KubernetesClient client;
  final FakeClock clock = new FakeClock();
  final String namespace;
  private final List<AutoCloseable> owned = new ArrayList<>();
  ServiceProxy proxy;

  ProxyFixture(String namespace) throws Exception {
    this.namespace = namespace;
    server = ApiServer.start(new MemoryStore(), ApiServerConfig.defaults().withPort(0));
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(server.url()).withRequestRetryBackoffLimit(0).build()).build();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
        .endMetadata().build()).create();
  }

  ServiceProxy startProxy(UnaryOperator<ServiceProxyConfig> configure) {
    proxy = ServiceProxy.start(client,
        configure.apply(ServiceProxyConfig.defaults(NODE, "127.0.0.1")), clock, clock);
    return proxy;
  }

  Backend backend(String name, String host) throws IOException {
    Backend backend = Backend.start(name, host);
    owned.add(backend);
    return backend;
  }

  static ServicePort port(String name, int port) {
    return new ServicePortBuilder().withName(name).withPort(port).withProtocol("TCP").build();
  }

  Service createService(String name, String clusterIp, UnaryOperator<ServiceBuilder> edit) {
    ServiceBuilder builder = new ServiceBuilder().withNewMetadata().withName(name)
        .withNamespace(namespace).endMetadata()
        .withNewSpec().withClusterIP(clusterIp).withSelector(Map.of("app", name))
        .withPorts(port("http", 8080)).endSpec();
    return client.services().inNamespace(namespace).resource(edit.apply(builder).build())
        .create();
  }

  Pod createPod(String name, String app) {
    return client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata()
        .withName(name).withLabels(Map.of("app", app)).endMetadata()
        .withNewSpec().withNodeName(NODE).addNewContainer().withName("app").withImage("app:1")
        .endContainer().endSpec().build()).create();
  }

  /** One slice per backend, so each keeps its own port: ready, not terminating, no pod. */
  void publish(String service, String sliceName, Backend backend) {
    publish(service, sliceName, backend.host(), backend.port(), null, true, false);
  }

  void publish(String service, String sliceName, String address, int port, Pod pod,
      Boolean ready, Boolean terminating) {
    EndpointBuilder endpoint = new EndpointBuilder().withAddresses(address)
        .withNewConditions().withReady(ready).withTerminating(terminating).endConditions();
    if (pod != null) {
      endpoint.withNewTargetRef().withKind("Pod").withNamespace(namespace)
          .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid())
          .endTargetRef();
    }
    EndpointSlice slice = new EndpointSliceBuilder().withNewMetadata().withName(sliceName)
        .withNamespace(namespace).addToLabels("kubernetes.io/service-name", service).endMetadata()
        .withAddressType("IPv4").addNewPort().withName("http").withPort(port)
        .withProtocol("TCP").endPort().withEndpoints(endpoint.build()).build();
    client.discovery().v1().endpointSlices().inNamespace(namespace).resource(slice)
        .createOr(existing -> existing.update());
  }

  @Override
  public void close() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    for (AutoCloseable resource : owned) {
      resource.close();
    }
    client.close();
    server.close();
  }
}

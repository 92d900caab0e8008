package io.capstan.node.simulated;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.controller.runtime.testing.FakeClock;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.Map;

/** An in-process API server, a client, a fake clock and simulated nodes on top. */
final class SimulationFixture implements AutoCloseable {

  static final String NAMESPACE = "default";

  final ApiServer server;
  final KubernetesClient client;
  final FakeClock clock = new FakeClock();
  final SimulatedNodes nodes;

  SimulationFixture(SimulatedNodesConfig config) throws Exception {
    server = ApiServer.start(new MemoryStore(), ApiServerConfig.defaults().withPort(0));
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(server.url()).withRequestRetryBackoffLimit(0).build()).build();
    nodes = SimulatedNodes.start(client, clock, clock, config);
  }

  static SimulatedNodesConfig config() {
    return SimulatedNodesConfig.defaults("capstan-sim-").withCount(2)
        .withDelays(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5))
        .withHeartbeats(Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  Pod createPod(String name, String node, Map<String, String> annotations) {
    return createPod(name, node, annotations, "Always");
  }

  Pod createPod(String name, String node, Map<String, String> annotations,
      String restartPolicy) {
    return client.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
        .withNewMetadata().withName(name).withAnnotations(annotations).endMetadata()
        .withNewSpec().withNodeName(node).withRestartPolicy(restartPolicy)
        .addNewContainer().withName("app").withImage("nginx:1.27").endContainer()
        .endSpec().build()).create();
  }

  Pod pod(String name) {
    return client.pods().inNamespace(NAMESPACE).withName(name).get();
  }

  void advance(Duration step) {
    clock.advance(step);
  }

  @Override
  public void close() {
    nodes.close();
    client.close();
    server.close();
  }
}

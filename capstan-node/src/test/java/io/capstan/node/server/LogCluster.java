package io.capstan.node.server;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.node.logs.CriLogFixture;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An API server, one node endpoint serving logs from a directory, and a node without one: the
 * pieces {@code pods/log} proxies between. Containers count as running until {@link #exit} is
 * called for them.
 */
final class LogCluster implements AutoCloseable {

  static final String NAMESPACE = "default";
  static final String NODE = "node-a";
  static final String SIMULATED_NODE = "node-sim";

  final ApiServer server;
  final KubernetesClient client;
  final DirectoryLocator locator;
  final NodeServer node;
  private final Set<String> exited = ConcurrentHashMap.newKeySet();

  LogCluster(Path logDir) throws Exception {
    server = ApiServer.start(new MemoryStore(), ApiServerConfig.defaults().withPort(0));
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(server.url()).withNamespace(NAMESPACE).withRequestRetryBackoffLimit(0)
        .build()).build();
    locator = new DirectoryLocator(logDir);
    node = NodeServer.start(InetAddress.getLoopbackAddress(), 0, locator,
        (namespace, pod, container) -> !exited.contains(pod + "/" + container),
        Clock.systemUTC());
    createNode(NODE, node.port());
    createNode(SIMULATED_NODE, 0);
  }

  private void createNode(String name, int port) {
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
        .build()).create();
    client.nodes().withName(name).editStatus(n -> new NodeBuilder(n).withNewStatus()
        .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
        .addNewAddress().withType("Hostname").withAddress(name).endAddress()
        .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(port).endKubeletEndpoint()
        .endDaemonEndpoints()
        .endStatus().build());
  }

  /** The log file of a container's current run, to write fixture lines to. */
  CriLogFixture log(String pod, String container) {
    return new CriLogFixture(locator.current(NAMESPACE, pod, container, false));
  }

  CriLogFixture previousLog(String pod, String container) {
    return new CriLogFixture(locator.current(NAMESPACE, pod, container, true));
  }

  void exit(String pod, String container) {
    exited.add(pod + "/" + container);
  }

  /** Creates a pod bound to a node (or to none when null) with these container statuses. */
  void createPod(String name, String nodeName, PodSpec spec, List<ContainerStatus> statuses,
      List<ContainerStatus> initStatuses) {
    spec.setNodeName(nodeName);
    client.pods().resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withSpec(spec).build()).create();
    client.pods().withName(name).editStatus(p -> new PodBuilder(p).withStatus(
        new PodStatusBuilder(p.getStatus()).withPhase("Running")
            .withContainerStatuses(statuses).withInitContainerStatuses(initStatuses).build())
        .build());
  }

  static ContainerStatus running(String name) {
    return status(name).withNewState().withNewRunning().endRunning().endState().build();
  }

  static ContainerStatusBuilder status(String name) {
    return new ContainerStatusBuilder().withName(name).withImage("busybox").withImageID("")
        .withContainerID("containerd://" + name).withReady(true).withRestartCount(0);
  }

  @Override
  public void close() {
    client.close();
    node.close();
    server.close();
  }
}

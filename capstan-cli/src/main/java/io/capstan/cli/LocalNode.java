package io.capstan.cli;

import io.capstan.apiserver.ApiServer;
import io.capstan.controller.runtime.SystemScheduler;
import io.capstan.node.agent.NodeAgent;
import io.capstan.node.agent.NodeAgentConfig;
import io.capstan.node.agent.NodeAgentParts;
import io.capstan.proxy.ServiceProxy;
import io.capstan.proxy.ServiceProxyConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * This machine's node in {@code capstan server}: a {@link NodeAgent} on the chosen
 * {@link NodeRuntime}, with its own client and scheduler, and its data under the server's data
 * directory (runtime state in {@code runtime/}, pod volumes in {@code pods}, logs in
 * {@code logs}); and beside it the
 * node's {@link ServiceProxy}, started after the agent and stopped before it. The agent acts as
 * {@code system:node:<name>} and the proxy as {@code system:capstan-proxy:<name>}, the identities
 * the node obtained when it joined.
 */
final class LocalNode implements AutoCloseable {

  private final KubernetesClient client;
  private final SystemScheduler scheduler;
  private final NodeAgent agent;
  private final KubernetesClient proxyClient;
  private final SystemScheduler proxyScheduler;
  private final Optional<ServiceProxy> proxy;
  private final NodeRuntime runtime;

  private LocalNode(KubernetesClient client, SystemScheduler scheduler, NodeAgent agent,
      KubernetesClient proxyClient, SystemScheduler proxyScheduler, Optional<ServiceProxy> proxy,
      NodeRuntime runtime) {
    this.client = client;
    this.scheduler = scheduler;
    this.agent = agent;
    this.proxyClient = proxyClient;
    this.proxyScheduler = proxyScheduler;
    this.proxy = proxy;
    this.runtime = runtime;
  }

  /** Starts the agent as {@code kubelet} and its proxy as {@code proxy}, each its own client. */
  static LocalNode start(ApiClients clients, ApiCredentials kubelet,
      ApiCredentials proxyCredentials, Path dataDir, String nodeName, String podCidr,
      String nodeIp, NodeRuntime nodeRuntime) throws Exception {
    return start(clients, kubelet, proxyCredentials, dataDir, nodeName, podCidr, nodeIp,
        nodeRuntime, true);
  }

  /** As above; without {@code runProxy} no proxy runs beside the agent. */
  static LocalNode start(ApiClients clients, ApiCredentials kubelet,
      ApiCredentials proxyCredentials, Path dataDir, String nodeName, String podCidr,
      String nodeIp, NodeRuntime nodeRuntime, boolean runProxy) throws Exception {
    KubernetesClient client = clients.client(kubelet);
    SystemScheduler scheduler = new SystemScheduler("capstan-node-agent");
    Clock clock = Clock.systemUTC();
    try {
      NodeAgentConfig config = NodeAgentConfig.defaults(nodeName, dataDir)
          .withKubeletVersion(ApiServer.KUBERNETES_VERSION + "+capstan")
          .withPodCidr(podCidr)
          .withNodeIp(nodeIp);
      var runtime = nodeRuntime.open(dataDir, clock);
      NodeAgent agent = NodeAgent.start(client, config,
          NodeAgentParts.standard(runtime, config, clock, scheduler), clock, scheduler);
      KubernetesClient proxyClient = clients.client(proxyCredentials);
      SystemScheduler proxyScheduler = new SystemScheduler("capstan-proxy");
      try {
        Optional<ServiceProxy> proxy = runProxy
            ? Optional.of(ServiceProxy.start(proxyClient,
                ServiceProxyConfig.defaults(nodeName, nodeIp), clock, proxyScheduler))
            : Optional.empty();
        return new LocalNode(client, scheduler, agent, proxyClient, proxyScheduler, proxy,
            nodeRuntime);
      } catch (RuntimeException | Error e) {
        proxyScheduler.close();
        proxyClient.close();
        agent.close();
        throw e;
      }
    } catch (Exception | Error e) {
      scheduler.close();
      client.close();
      nodeRuntime.close();
      throw e;
    }
  }

  @Override
  public void close() {
    proxy.ifPresent(ServiceProxy::close);
    proxyScheduler.close();
    proxyClient.close();
    agent.close();
    scheduler.close();
    client.close();
    runtime.close();
  }
}

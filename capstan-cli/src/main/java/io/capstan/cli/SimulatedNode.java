package io.capstan.cli;

import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SystemScheduler;
import io.capstan.node.simulated.SimulatedNodes;
import io.capstan.node.simulated.SimulatedNodesConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * {@code capstan agent --runtime simulated}: one kwok-like node under the agent's own node
 * identity, which moves the pods bound to it through their lifecycle without running anything.
 */
final class SimulatedNode implements AutoCloseable {

  private final KubernetesClient client;
  private final SystemScheduler scheduler;
  private final SimulatedNodes node;

  private SimulatedNode(KubernetesClient client, SystemScheduler scheduler, SimulatedNodes node) {
    this.client = client;
    this.scheduler = scheduler;
    this.node = node;
  }

  static SimulatedNode start(ApiClients clients, ApiCredentials kubelet, String nodeName,
      Clock clock) {
    KubernetesClient client = clients.client(kubelet);
    SystemScheduler scheduler = new SystemScheduler("capstan-simulated-node");
    try {
      SimulatedNodes node = SimulatedNodes.startOne(client, nodeName, clock,
          Scheduler.onVirtualThreads(scheduler), SimulatedNodesConfig.defaults(nodeName));
      return new SimulatedNode(client, scheduler, node);
    } catch (RuntimeException | Error e) {
      scheduler.close();
      client.close();
      throw e;
    }
  }

  @Override
  public void close() {
    node.close();
    scheduler.close();
    client.close();
  }
}

package io.capstan.cli;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SharedInformers;
import io.capstan.controllers.nodeipam.NodeIpamController;
import io.capstan.controllers.nodelifecycle.NodeLifecycleController;
import io.capstan.controllers.nodelifecycle.NodeMonitorSettings;
import io.capstan.controllers.nodeipam.PodCidrRanges;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;

/**
 * The controllers that look after Nodes: pod range allocation (node IPAM) and the node lifecycle
 * (unreachable nodes, taint-based eviction).
 */
final class NodeControllers {

  /**
   * How they run.
   *
   * @param podCidrs the cluster pod range and the size of each node's share of it
   * @param monitor how long a node may be silent before it counts as unreachable
   * @param terminatedPodGcThreshold how many terminated pods the pod garbage collector leaves
   */
  record Settings(PodCidrRanges podCidrs, NodeMonitorSettings monitor,
      int terminatedPodGcThreshold) {}

  private NodeControllers() {}

  static List<Controller> create(KubernetesClient client, SharedInformers informers, Clock clock,
      Scheduler scheduler, Settings settings) {
    return List.of(
        NodeIpamController.create(client, informers, clock, scheduler,
            new EventRecorder(client, NodeIpamController.NAME, clock), settings.podCidrs()),
        NodeLifecycleController.create(client, informers, clock, scheduler,
            new EventRecorder(client, NodeLifecycleController.NAME, clock), settings.monitor()));
  }
}

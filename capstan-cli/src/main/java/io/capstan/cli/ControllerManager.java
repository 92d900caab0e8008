package io.capstan.cli;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SharedInformers;
import io.capstan.controller.runtime.SystemScheduler;
import io.capstan.controllers.deployment.DeploymentController;
import io.capstan.controllers.disruption.DisruptionController;
import io.capstan.controllers.endpoints.EndpointsController;
import io.capstan.controllers.endpointslice.EndpointSliceController;
import io.capstan.controllers.endpointslicemirroring.EndpointSliceMirroringController;
import io.capstan.controllers.gc.GarbageCollector;
import io.capstan.controllers.namespace.NamespaceController;
import io.capstan.controllers.podgc.PodGarbageCollector;
import io.capstan.controllers.replicaset.ReplicaSetController;
import io.capstan.node.simulated.SimulatedNodes;
import io.capstan.node.simulated.SimulatedNodesConfig;
import io.capstan.scheduler.PodScheduler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controllers and the scheduler of {@code capstan server} (kube-controller-manager and
 * kube-scheduler in one), and the simulated nodes when asked for: clients of the API like any
 * other, reaching the server through its URL, started after it serves and stopped before it goes.
 */
final class ControllerManager implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);

  private final KubernetesClient client;
  private final SystemScheduler scheduler;
  private final SharedInformers informers;
  private final List<Controller> controllers;
  private final Optional<SimulatedNodes> nodes;

  private ControllerManager(KubernetesClient client, SystemScheduler scheduler,
      SharedInformers informers, List<Controller> controllers, Optional<SimulatedNodes> nodes) {
    this.client = client;
    this.scheduler = scheduler;
    this.informers = informers;
    this.controllers = controllers;
    this.nodes = nodes;
  }

  /**
   * Starts every controller; they begin work as soon as their informers have synced. The client
   * is the leader elector's: its connection is open and its first request paid for by the time
   * the lease is won (a fresh client would open and authenticate a connection of its own first).
   * It stays open when the controllers stop; its owner closes it.
   */
  static ControllerManager start(KubernetesClient client, Clock clock,
      Optional<SimulatedNodesConfig> simulatedNodes, NodeControllers.Settings nodeSettings) {
    SystemScheduler scheduler = new SystemScheduler("capstan-controllers");
    SharedInformers informers = new SharedInformers(client);
    List<Controller> controllers = new java.util.ArrayList<>(List.of(
        DeploymentController.create(client, informers, clock, scheduler,
            new EventRecorder(client, "deployment-controller", clock), 2),
        ReplicaSetController.create(client, informers, clock, scheduler,
            new EventRecorder(client, "replicaset-controller", clock), 2),
        GarbageCollector.create(client, clock, scheduler, 2),
        PodGarbageCollector.create(client, informers, clock, scheduler,
            nodeSettings.terminatedPodGcThreshold()),
        NamespaceController.create(client, informers, clock, scheduler, 1),
        EndpointsController.create(client, informers, clock, scheduler, 2),
        DisruptionController.create(client, informers, clock, scheduler,
            new EventRecorder(client, DisruptionController.NAME, clock), 1),
        EndpointSliceController.create(client, informers, clock, scheduler, 2),
        EndpointSliceMirroringController.create(client, informers, clock, scheduler,
            new EventRecorder(client, EndpointSliceMirroringController.NAME, clock), 2),
        // Decisions are serialized under the scheduler's lock and cost microseconds; the workers
        // are there so that bindings, one API round trip each, run side by side (kube-scheduler
        // binds asynchronously for the same reason).
        PodScheduler.create(client, informers, clock, scheduler,
            new EventRecorder(client, PodScheduler.NAME, clock), 16)));
    controllers.addAll(NodeControllers.create(client, informers, clock, scheduler, nodeSettings));
    // One list and watch per resource type for all of them, running before any controller
    // hooks in (a controller stops only the informers it started itself).
    informers.start();
    for (Controller controller : controllers) {
      controller.start().exceptionally(e -> {
        LOG.error("a controller failed to start", e);
        return null;
      });
    }
    Optional<SimulatedNodes> nodes = simulatedNodes
        .map(config -> SimulatedNodes.start(client, informers.of(Pod.class), clock,
            Scheduler.onVirtualThreads(scheduler), config));
    return new ControllerManager(client, scheduler, informers, controllers, nodes);
  }

  @Override
  public void close() {
    nodes.ifPresent(SimulatedNodes::close);
    for (Controller controller : controllers.reversed()) {
      controller.close();
    }
    informers.close();
    scheduler.close();
  }
}

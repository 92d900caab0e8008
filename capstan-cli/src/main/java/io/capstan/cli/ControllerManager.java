package io.capstan.cli;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.SystemScheduler;
import io.capstan.controllers.deployment.DeploymentController;
import io.capstan.controllers.gc.GarbageCollector;
import io.capstan.controllers.namespace.NamespaceController;
import io.capstan.controllers.replicaset.ReplicaSetController;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controllers of {@code capstan server}, as in kube-controller-manager: clients of the API
 * like any other, reaching the server through its URL, started after it serves and stopped
 * before it goes.
 */
final class ControllerManager implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);

  private final KubernetesClient client;
  private final SystemScheduler scheduler;
  private final List<Controller> controllers;

  private ControllerManager(KubernetesClient client, SystemScheduler scheduler,
      List<Controller> controllers) {
    this.client = client;
    this.scheduler = scheduler;
    this.controllers = controllers;
  }

  /** Starts every controller; they begin work as soon as their informers have synced. */
  static ControllerManager start(String serverUrl, String token, Clock clock) {
    KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(serverUrl)
        .withOauthToken(token)
        .build()).build();
    SystemScheduler scheduler = new SystemScheduler("capstan-controllers");
    List<Controller> controllers = List.of(
        DeploymentController.create(client, clock, scheduler,
            new EventRecorder(client, "deployment-controller", clock), 2),
        ReplicaSetController.create(client, clock, scheduler,
            new EventRecorder(client, "replicaset-controller", clock), 2),
        GarbageCollector.create(client, clock, scheduler, 2),
        NamespaceController.create(client, clock, scheduler, 1));
    for (Controller controller : controllers) {
      controller.start().exceptionally(e -> {
        LOG.error("a controller failed to start", e);
        return null;
      });
    }
    return new ControllerManager(client, scheduler, controllers);
  }

  @Override
  public void close() {
    for (Controller controller : controllers.reversed()) {
      controller.close();
    }
    scheduler.close();
    client.close();
  }
}

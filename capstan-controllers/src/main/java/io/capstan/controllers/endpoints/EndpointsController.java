package io.capstan.controllers.endpoints;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.Keys;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SharedInformers;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Wires the Endpoints controller: Services map to their own key, pods to the Services selecting them (before and after
 * a label change), and Endpoints to their Service's key when deleted (so a removed Endpoints comes back) or when they
 * predate the controller (upstream's {@code checkLeftoverEndpoints}: Endpoints whose Service went while no controller
 * ran are deleted). Endpoints created later without a Service are left alone, as upstream, since users may create
 * them before their Service.
 */
public final class EndpointsController {
  public static final String NAME = "endpoint-controller";
  /** Leader-election records stored in Endpoints have no Service and must survive. */
  static final String LEADER_ANNOTATION = "control-plane.alpha.kubernetes.io/leader";

  private EndpointsController() {}

  public static Controller create(KubernetesClient client, Clock clock, Scheduler scheduler, int workers) {
    return create(client, new SharedInformers(client), clock, scheduler, workers);
  }

  /** The controller over informers shared with the other controllers. */
  public static Controller create(KubernetesClient client, SharedInformers informers,
      Clock clock, Scheduler scheduler, int workers) {
    SharedIndexInformer<Service> services = informers.of(Service.class);
    SharedIndexInformer<Pod> pods = informers.of(Pod.class);
    SharedIndexInformer<Endpoints> endpoints = informers.of(Endpoints.class);
    Instant started = clock.instant();
    Controller controller = Controller.builder(NAME, new EndpointsReconciler(client, services, pods, endpoints))
        .watch(services)
        .watch(pods, pod -> PodServiceKeys.of(pod, services))
        .watch(endpoints, ep -> List.of())
        .workers(workers)
        .time(clock, scheduler)
        .build();
    pods.addEventHandler(PodServiceKeys.previousLabelsHandler(services, controller));
    endpoints.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Endpoints ep) {
        if (predates(ep, started) && !leaderRecord(ep)) {
          controller.queue().add(Keys.of(ep));
        }
      }

      @Override
      public void onUpdate(Endpoints oldEp, Endpoints newEp) {}

      @Override
      public void onDelete(Endpoints ep, boolean finalStateUnknown) {
        controller.queue().add(Keys.of(ep));
      }
    });
    return controller;
  }

  private static boolean predates(Endpoints ep, Instant started) {
    String created = ep.getMetadata().getCreationTimestamp();
    try {
      return created != null && Instant.parse(created).isBefore(started.minusSeconds(1));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean leaderRecord(Endpoints ep) {
    return ep.getMetadata().getAnnotations() != null
        && ep.getMetadata().getAnnotations().containsKey(LEADER_ANNOTATION);
  }
}

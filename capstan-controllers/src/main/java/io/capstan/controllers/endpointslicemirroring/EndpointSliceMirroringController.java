package io.capstan.controllers.endpointslicemirroring;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SharedInformers;
import io.capstan.controllers.endpointslice.EndpointSliceController;
import io.capstan.controllers.endpointslice.SliceTracker;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;

/**
 * Wires the mirroring controller: Services and Endpoints map to their shared key, mirrored slices to their Service's
 * key (so a slice edited or deleted by someone else is put right).
 */
public final class EndpointSliceMirroringController {
  public static final String NAME = "endpointslicemirroring-controller";
  public static final String MANAGED_BY = "endpointslicemirroring-controller.k8s.io";

  private EndpointSliceMirroringController() {}

  public static Controller create(KubernetesClient client, Clock clock, Scheduler scheduler, EventRecorder events,
                                  int workers) {
    return create(client, new SharedInformers(client), clock, scheduler, events, workers);
  }

  /** The controller over informers shared with the other controllers. */
  public static Controller create(KubernetesClient client, SharedInformers informers,
      Clock clock, Scheduler scheduler, EventRecorder events, int workers) {
    SharedIndexInformer<Service> services = informers.of(Service.class);
    SharedIndexInformer<Endpoints> endpoints = informers.of(Endpoints.class);
    SharedIndexInformer<EndpointSlice> slices = informers.of(EndpointSlice.class);
    SliceTracker tracker = new SliceTracker();
    Controller controller = Controller.builder(NAME,
            new MirroringReconciler(client, services, endpoints, slices, tracker, events))
        .watch(services)
        .watch(endpoints)
        .watch(slices, slice -> EndpointSliceController.serviceKey(slice, MANAGED_BY).stream().toList())
        .workers(workers)
        .time(clock, scheduler)
        .build();
    slices.addEventHandler(EndpointSliceController.deletionObserver(tracker, controller, MANAGED_BY));
    return controller;
  }
}

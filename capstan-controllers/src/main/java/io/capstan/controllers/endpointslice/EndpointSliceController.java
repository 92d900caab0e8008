package io.capstan.controllers.endpointslice;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.Keys;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.SharedInformers;
import io.capstan.controllers.endpoints.PodServiceKeys;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Wires the EndpointSlice controller: Services map to their own key, pods to the Services selecting them (before and
 * after a label change), this controller's slices to their Service (so a slice changed or deleted by someone else is
 * put right); nodes are cached for zones and node checks only.
 */
public final class EndpointSliceController {
  public static final String NAME = "endpointslice-controller";
  public static final String MANAGED_BY = "endpointslice-controller.k8s.io";

  private EndpointSliceController() {}

  public static Controller create(KubernetesClient client, Clock clock, Scheduler scheduler, int workers) {
    return create(client, new SharedInformers(client), clock, scheduler, workers);
  }

  /** The controller over informers shared with the other controllers. */
  public static Controller create(KubernetesClient client, SharedInformers informers,
      Clock clock, Scheduler scheduler, int workers) {
    SharedIndexInformer<Service> services = informers.of(Service.class);
    SharedIndexInformer<Pod> pods = informers.of(Pod.class);
    SharedIndexInformer<EndpointSlice> slices = informers.of(EndpointSlice.class);
    SharedIndexInformer<Node> nodes = informers.of(Node.class);
    SliceTracker tracker = new SliceTracker();
    var reconciler = new EndpointSliceReconciler(services, pods, slices, nodes, tracker,
        new SliceWriter(client, tracker));
    Controller controller = Controller.builder(NAME, reconciler)
        .watch(services)
        .watch(pods, pod -> PodServiceKeys.of(pod, services))
        .watch(slices, slice -> serviceKey(slice, MANAGED_BY).stream().toList())
        .watch(nodes, node -> List.of())
        .workers(workers)
        .time(clock, scheduler)
        .build();
    pods.addEventHandler(PodServiceKeys.previousLabelsHandler(services, controller));
    slices.addEventHandler(deletionObserver(tracker, controller, MANAGED_BY));
    return controller;
  }

  /** The key of the Service a slice managed by {@code managedBy} belongs to. */
  public static Optional<String> serviceKey(EndpointSlice slice, String managedBy) {
    var labels = slice.getMetadata().getLabels();
    if (labels == null || !managedBy.equals(labels.get(SliceLabels.MANAGED_BY))
        || labels.get(SliceLabels.SERVICE_NAME) == null) {
      return Optional.empty();
    }
    return Optional.of(Keys.of(slice.getMetadata().getNamespace(), labels.get(SliceLabels.SERVICE_NAME)));
  }

  /** Forgets deleted slices in the tracker, then re-queues their Service. */
  public static ResourceEventHandler<EndpointSlice> deletionObserver(SliceTracker tracker, Controller controller,
                                                                     String managedBy) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(EndpointSlice slice) {}

      @Override
      public void onUpdate(EndpointSlice oldSlice, EndpointSlice newSlice) {}

      @Override
      public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
        serviceKey(slice, managedBy).ifPresent(key -> {
          tracker.deleted(key, slice);
          controller.queue().add(key);
        });
      }
    };
  }
}

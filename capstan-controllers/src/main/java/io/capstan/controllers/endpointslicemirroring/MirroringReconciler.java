package io.capstan.controllers.endpointslicemirroring;

import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Keys;
import io.capstan.controller.runtime.Reconciler;
import io.capstan.controller.runtime.Result;
import io.capstan.controllers.endpointslice.SliceLabels;
import io.capstan.controllers.endpointslice.SliceTracker;
import io.capstan.controllers.endpointslice.SliceWriter;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;

/**
 * {@code syncEndpoints} of the mirroring controller: mirrors the Endpoints of a selector-less Service, or deletes the
 * mirrored slices when there is nothing (any more) to mirror. Warnings are recorded on the Endpoints for addresses
 * that are no IP or exceed the per-subset limit, as upstream.
 */
final class MirroringReconciler implements Reconciler {
  private static final String LEADER_ANNOTATION = "control-plane.alpha.kubernetes.io/leader";

  private final KubernetesClient client;
  private final SharedIndexInformer<Service> services;
  private final SharedIndexInformer<Endpoints> endpoints;
  private final SharedIndexInformer<EndpointSlice> slices;
  private final SliceTracker tracker;
  private final SliceWriter writer;
  private final EventRecorder events;

  MirroringReconciler(KubernetesClient client, SharedIndexInformer<Service> services,
                      SharedIndexInformer<Endpoints> endpoints, SharedIndexInformer<EndpointSlice> slices,
                      SliceTracker tracker, EventRecorder events) {
    this.client = client;
    this.services = services;
    this.endpoints = endpoints;
    this.slices = slices;
    this.tracker = tracker;
    this.writer = new SliceWriter(client, tracker);
    this.events = events;
  }

  @Override
  public Result reconcile(String key) {
    String namespace = Keys.namespace(key).orElseThrow();
    String name = Keys.name(key);
    Service service = services.getStore().getByKey(key);
    Endpoints ep = endpoints.getStore().getByKey(key);
    List<EndpointSlice> mirrored = mirrored(namespace, name);
    if (service == null) {
      tracker.forgetService(key);
    }
    if (service == null || hasSelector(service) || ep == null || !shouldMirror(ep)) {
      deleteAll(mirrored);
      return Result.done();
    }
    List<EndpointSlice> live = mirrored.stream().filter(s -> s.getMetadata().getDeletionTimestamp() == null).toList();
    if (tracker.stale(key, live)) {
      throw new SliceTracker.StaleCacheException(key);
    }
    MirrorPlanner.Plan plan = MirrorPlanner.plan(ep, live);
    if (plan.invalidAddresses() > 0) {
      events.warning(ep, "InvalidIPAddress", "Skipped " + plan.invalidAddresses()
          + " invalid IP addresses when mirroring to EndpointSlices");
    }
    if (plan.skippedAddresses() > plan.invalidAddresses()) {
      events.warning(ep, "TooManyAddressesToMirror", "A max of " + MirrorPlanner.MAX_ENDPOINTS_PER_SUBSET
          + " addresses can be mirrored to EndpointSlices per Endpoints subset. " + plan.skippedAddresses()
          + " addresses were skipped");
    }
    writer.apply(key, namespace, plan.changes().recycled(old -> true),
        ep.getMetadata().getDeletionTimestamp() != null);
    return Result.done();
  }

  /** Upstream tests {@code selector != nil}; an empty selector never arrives from Go clients, so it counts as none. */
  private static boolean hasSelector(Service service) {
    return service.getSpec().getSelector() != null && !service.getSpec().getSelector().isEmpty();
  }

  /** {@code shouldMirror}: not labelled skip-mirror=true and not a leader-election record. */
  static boolean shouldMirror(Endpoints ep) {
    var labels = ep.getMetadata().getLabels();
    var annotations = ep.getMetadata().getAnnotations();
    return !(labels != null && "true".equals(labels.get(SliceLabels.SKIP_MIRROR)))
        && !(annotations != null && annotations.containsKey(LEADER_ANNOTATION));
  }

  private List<EndpointSlice> mirrored(String namespace, String name) {
    return slices.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).stream()
        .filter(s -> SliceLabels.managedFor(s, name, EndpointSliceMirroringController.MANAGED_BY)).toList();
  }

  private void deleteAll(List<EndpointSlice> mirrored) {
    for (EndpointSlice slice : mirrored) {
      client.discovery().v1().endpointSlices().inNamespace(slice.getMetadata().getNamespace())
          .withName(slice.getMetadata().getName()).delete();
    }
  }

}

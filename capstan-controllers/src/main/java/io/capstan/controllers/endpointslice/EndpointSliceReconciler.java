package io.capstan.controllers.endpointslice;

import io.capstan.controller.runtime.Keys;
import io.capstan.controller.runtime.Reconciler;
import io.capstan.controller.runtime.Result;
import io.capstan.controllers.endpoints.PodEndpoints;
import io.capstan.controllers.endpoints.PodServiceKeys;
import io.capstan.controllers.endpoints.TriggerTimeTracker;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code syncService} of the EndpointSlice controller: from the cached Service, its selected pods and its slices, plans
 * the slice changes per address type with the {@link SlicePacker} and writes them. Pods on a node the cache does not
 * know are left out (unless the Service publishes not-ready addresses) and the sync fails afterwards so it is retried,
 * as upstream. Slices of a deleted Service are left to the garbage collector through their owner reference.
 */
final class EndpointSliceReconciler implements Reconciler {
  private final SharedIndexInformer<Service> services;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<EndpointSlice> slices;
  private final SharedIndexInformer<Node> nodes;
  private final SliceTracker tracker;
  private final SliceWriter writer;
  private final SlicePacker packer = new SlicePacker(EndpointSliceController.MANAGED_BY,
      SlicePacker.MAX_ENDPOINTS_PER_SLICE);
  private final TriggerTimeTracker triggerTimes = new TriggerTimeTracker();

  EndpointSliceReconciler(SharedIndexInformer<Service> services, SharedIndexInformer<Pod> pods,
                          SharedIndexInformer<EndpointSlice> slices, SharedIndexInformer<Node> nodes,
                          SliceTracker tracker, SliceWriter writer) {
    this.services = services;
    this.pods = pods;
    this.slices = slices;
    this.nodes = nodes;
    this.tracker = tracker;
    this.writer = writer;
  }

  @Override
  public Result reconcile(String key) {
    Service service = services.getStore().getByKey(key);
    if (service == null) {
      triggerTimes.forget(key);
      tracker.forgetService(key);
      return Result.done();
    }
    if (!PodEndpoints.selectsPods(service)) {
      return Result.done();
    }
    String namespace = service.getMetadata().getNamespace();
    List<Pod> selected = PodServiceKeys.selectedPods(service, pods);
    List<EndpointSlice> existing = slices.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).stream()
        .filter(s -> SliceLabels.managedFor(s, service.getMetadata().getName(), EndpointSliceController.MANAGED_BY))
        .filter(s -> s.getMetadata().getDeletionTimestamp() == null).toList();
    if (tracker.stale(key, existing)) {
      throw new SliceTracker.StaleCacheException(key);
    }
    Optional<Instant> triggerTime = triggerTimes.compute(key, service, selected);
    Set<String> addressTypes = PodEndpoint.addressTypes(service);
    SliceChanges changes = SliceChanges.empty();
    Map<String, List<EndpointSlice>> existingByType = new LinkedHashMap<>();
    for (EndpointSlice slice : existing) {
      if (addressTypes.contains(slice.getAddressType())) {
        existingByType.computeIfAbsent(slice.getAddressType(), t -> new ArrayList<>()).add(slice);
      } else {
        changes.toDelete().add(slice);
      }
    }
    List<String> missingNodes = new ArrayList<>();
    for (String type : addressTypes) {
      changes.addAll(packer.plan(service, type, existingByType.getOrDefault(type, List.of()),
          desired(service, selected, type, missingNodes)));
    }
    SliceChanges recycled = changes.recycled(old -> SliceLabels.ownedBy(old, service, "Service"));
    writer.applyWithTriggerTime(key, namespace, recycled, service.getMetadata().getDeletionTimestamp() != null,
        triggerTime);
    if (!missingNodes.isEmpty()) {
      throw new IllegalStateException("pods of Service " + key + " skipped, nodes not found: " + missingNodes);
    }
    return Result.done();
  }

  /** The desired endpoints of one address type, grouped by the ports each pod resolves. */
  private Map<EndpointKey.Ports, DesiredGroup> desired(Service service, List<Pod> selected, String addressType,
                                                       List<String> missingNodes) {
    boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
    Map<EndpointKey.Ports, DesiredGroup> groups = new LinkedHashMap<>();
    for (Pod pod : selected) {
      if (!PodEndpoints.shouldPodBeInEndpoints(pod, true)) {
        continue;
      }
      var ports = PodEndpoint.ports(service, pod);
      DesiredGroup group = groups.computeIfAbsent(EndpointKey.Ports.of(ports), k -> new DesiredGroup(ports));
      Optional<Node> node = PodEndpoints.nodeName(pod).map(name -> nodes.getStore().getByKey(name));
      if (node.isEmpty() && !publishNotReady) {
        missingNodes.add(Keys.of(pod) + "@" + PodEndpoints.nodeName(pod).orElse(""));
        continue;
      }
      Endpoint endpoint = PodEndpoint.of(pod, node, service, addressType);
      if (!endpoint.getAddresses().isEmpty()) {
        group.add(endpoint);
      }
    }
    return groups;
  }
}

package io.capstan.controllers.endpointslice;

import io.capstan.controllers.endpoints.PodEndpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code reconcileByAddressType} and {@code reconcileByPortMapping} for one address type: which slices of a Service to
 * create, update and delete so that every desired endpoint sits in exactly one slice of its port set, with as few
 * writes as possible. Per port set: (1) existing slices keep the desired endpoints they hold, updated where they
 * changed, and lose the others (a slice left empty is deleted); (2) slices already being updated are filled up, the
 * fullest first; (3) what remains goes into the one unchanged slice that it fills most closely (if fewer than a slice's
 * worth remain), else into new slices. Slices of port sets nobody wants any more are deleted, and a Service with no
 * endpoints at all keeps (or gets) one empty placeholder slice.
 */
public final class SlicePacker {
  /** {@code maxEndpointsPerSlice}'s default. */
  public static final int MAX_ENDPOINTS_PER_SLICE = 100;

  private final String controllerName;
  private final int maxEndpointsPerSlice;

  public SlicePacker(String controllerName, int maxEndpointsPerSlice) {
    this.controllerName = controllerName;
    this.maxEndpointsPerSlice = maxEndpointsPerSlice;
  }

  public SliceChanges plan(Service service, String addressType, List<EndpointSlice> existing,
                           Map<EndpointKey.Ports, DesiredGroup> desired) {
    SliceChanges changes = SliceChanges.empty();
    Map<EndpointKey.Ports, List<EndpointSlice>> existingByPorts = new LinkedHashMap<>();
    for (EndpointSlice slice : existing) {
      if (SliceLabels.ownedBy(slice, service, "Service")) {
        existingByPorts.computeIfAbsent(EndpointKey.Ports.of(slice.getPorts()), k -> new ArrayList<>()).add(slice);
      } else {
        changes.toDelete().add(slice);
      }
    }
    for (var entry : desired.entrySet()) {
      changes.addAll(planPortSet(service, addressType,
          existingByPorts.getOrDefault(entry.getKey(), List.of()), entry.getValue()));
    }
    existingByPorts.forEach((ports, slices) -> {
      if (!desired.containsKey(ports)) {
        changes.toDelete().addAll(slices);
      }
    });
    if (existing.size() == changes.toDelete().size() && changes.toCreate().isEmpty()) {
      EndpointSlice placeholder = newSlice(service, List.of(), addressType);
      if (changes.toDelete().size() == 1 && isPlaceholder(changes.toDelete().getFirst(), placeholder)) {
        changes.toDelete().clear(); // keep the placeholder there is rather than replacing it
      } else {
        changes.toCreate().add(placeholder);
      }
    }
    return changes;
  }

  private SliceChanges planPortSet(Service service, String addressType, List<EndpointSlice> existing,
                                   DesiredGroup desired) {
    Map<String, EndpointSlice> byName = new LinkedHashMap<>();
    Set<String> unchanged = new LinkedHashSet<>();
    Set<String> toUpdate = new LinkedHashSet<>();
    Set<String> toDelete = new LinkedHashSet<>();
    for (EndpointSlice slice : existing) {
      String name = slice.getMetadata().getName();
      byName.put(name, slice);
      List<Endpoint> kept = new ArrayList<>();
      boolean endpointChanged = false;
      List<Endpoint> current = endpointsOf(slice);
      for (Endpoint endpoint : current) {
        Endpoint wanted = desired.endpoints().remove(EndpointKey.of(endpoint));
        if (wanted != null) {
          kept.add(wanted);
          endpointChanged |= !EndpointKey.equalBeyondKey(wanted, endpoint);
        }
      }
      Map<String, String> labels = labels(slice.getMetadata().getLabels(), service);
      boolean labelsChanged = !labels.equals(orEmpty(slice.getMetadata().getLabels()));
      if (endpointChanged || kept.size() != current.size()) {
        if (kept.isEmpty()) {
          toDelete.add(name);
        } else {
          byName.put(name, copy(slice, kept, labels));
          toUpdate.add(name);
        }
      } else if (labelsChanged) {
        byName.put(name, copy(slice, kept, labels));
        toUpdate.add(name);
      } else {
        unchanged.add(name);
      }
    }
    if (!desired.endpoints().isEmpty() && !toUpdate.isEmpty()) {
      List<EndpointSlice> filling = toUpdate.stream().map(byName::get)
          .sorted(Comparator.comparingInt((EndpointSlice s) -> s.getEndpoints().size()).reversed()).toList();
      for (EndpointSlice slice : filling) {
        fill(slice, desired);
      }
    }
    List<EndpointSlice> toCreate = new ArrayList<>();
    while (!desired.endpoints().isEmpty()) {
      EndpointSlice target = null;
      if (desired.endpoints().size() < maxEndpointsPerSlice && !unchanged.isEmpty()) {
        target = closestFit(unchanged.stream().map(byName::get).toList(), desired.endpoints().size());
      }
      if (target == null) {
        target = newSlice(service, desired.ports(), addressType);
      } else {
        target = copy(target, endpointsOf(target), orEmpty(target.getMetadata().getLabels()));
        byName.put(target.getMetadata().getName(), target);
      }
      fill(target, desired);
      String name = target.getMetadata().getName();
      if (name != null && !name.isEmpty()) {
        toUpdate.add(name);
        unchanged.remove(name);
      } else {
        toCreate.add(target);
      }
    }
    return new SliceChanges(toCreate, new ArrayList<>(toUpdate.stream().map(byName::get).toList()),
        new ArrayList<>(toDelete.stream().map(byName::get).toList()));
  }

  private void fill(EndpointSlice slice, DesiredGroup desired) {
    while (!desired.endpoints().isEmpty() && slice.getEndpoints().size() < maxEndpointsPerSlice) {
      slice.getEndpoints().add(desired.pop());
    }
  }

  /** {@code getSliceToFill}: the slice that the remaining endpoints fill most closely without overflowing. */
  private EndpointSlice closestFit(List<EndpointSlice> slices, int remaining) {
    int closestDiff = maxEndpointsPerSlice;
    EndpointSlice closest = null;
    for (EndpointSlice slice : slices) {
      int diff = maxEndpointsPerSlice - (remaining + endpointsOf(slice).size());
      if (diff >= 0 && diff < closestDiff) {
        closestDiff = diff;
        closest = slice;
        if (diff == 0) {
          break;
        }
      }
    }
    return closest;
  }

  /** {@code newEndpointSlice}: owned by the Service, named after it, with its labels. */
  public EndpointSlice newSlice(Service service, List<EndpointPort> ports, String addressType) {
    EndpointSlice slice = new EndpointSliceBuilder()
        .withNewMetadata().withGenerateName(SliceLabels.generateName(service.getMetadata().getName()))
        .withNamespace(service.getMetadata().getNamespace()).withLabels(labels(Map.of(), service))
        .withOwnerReferences(SliceLabels.controllerRef(service, "v1", "Service")).endMetadata()
        .withAddressType(addressType).build();
    slice.setPorts(new ArrayList<>(ports));
    slice.setEndpoints(new ArrayList<>());
    return slice;
  }

  /**
   * {@code setEndpointSliceLabels}: the Service's labels (reserved keys excepted), the headless marker for a Service
   * without cluster IP, and the service-name and managed-by labels.
   */
  Map<String, String> labels(Map<String, String> sliceLabels, Service service) {
    Map<String, String> labels = new HashMap<>();
    orEmpty(service.getMetadata().getLabels()).forEach((k, v) -> {
      if (!SliceLabels.reserved(k)) {
        labels.put(k, v);
      }
    });
    if (!PodEndpoints.isServiceIpSet(service)) {
      labels.put(SliceLabels.HEADLESS, "");
    }
    labels.put(SliceLabels.SERVICE_NAME, service.getMetadata().getName());
    labels.put(SliceLabels.MANAGED_BY, controllerName);
    return labels;
  }

  /** {@code placeholderSliceCompare}: same namespace, labels, owners, address type, and no ports or endpoints. */
  private static boolean isPlaceholder(EndpointSlice slice, EndpointSlice placeholder) {
    return Objects.equals(slice.getMetadata().getNamespace(), placeholder.getMetadata().getNamespace())
        && orEmpty(slice.getMetadata().getLabels()).equals(placeholder.getMetadata().getLabels())
        && Objects.equals(slice.getMetadata().getOwnerReferences(), placeholder.getMetadata().getOwnerReferences())
        && Objects.equals(slice.getAddressType(), placeholder.getAddressType())
        && (slice.getPorts() == null || slice.getPorts().isEmpty())
        && (slice.getEndpoints() == null || slice.getEndpoints().isEmpty());
  }

  /** A copy to modify: the informer's object is never changed. */
  private static EndpointSlice copy(EndpointSlice slice, List<Endpoint> endpoints, Map<String, String> labels) {
    EndpointSlice copy = new EndpointSliceBuilder(slice).build();
    copy.setEndpoints(new ArrayList<>(endpoints));
    copy.getMetadata().setLabels(new HashMap<>(labels));
    return copy;
  }

  private static List<Endpoint> endpointsOf(EndpointSlice slice) {
    return slice.getEndpoints() == null ? List.of() : slice.getEndpoints();
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }
}

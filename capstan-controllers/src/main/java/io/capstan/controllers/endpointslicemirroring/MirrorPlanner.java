package io.capstan.controllers.endpointslicemirroring;

import io.capstan.controllers.endpoints.Subsets;
import io.capstan.controllers.endpointslice.EndpointKey;
import io.capstan.controllers.endpointslice.SliceChanges;
import io.capstan.controllers.endpointslice.SliceLabels;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The mirroring reconciler's plan ({@code reconcile} and {@code reconcileByPortMapping}): the desired endpoints per
 * port set and address type from the repacked subsets, then per such key one slice, kept as is when its endpoints,
 * labels and annotations already match, else rewritten in place (extra slices of the key are deleted).
 */
public final class MirrorPlanner {
  /** {@code mirroringMaxEndpointsPerSubset}'s default. */
  public static final int MAX_ENDPOINTS_PER_SUBSET = 1000;
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
  private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]+$");

  private MirrorPlanner() {}

  /** A port set and address type: the unit one mirrored slice covers. */
  record Key(EndpointKey.Ports ports, String addressType) {}

  record Group(List<EndpointPort> ports, Map<EndpointKey, Endpoint> endpoints) {}

  /** The plan and how many addresses were skipped as invalid or over the per-subset limit. */
  public record Plan(SliceChanges changes, int invalidAddresses, int skippedAddresses) {}

  public static Plan plan(Endpoints endpoints, List<EndpointSlice> existing) {
    Map<Key, Group> desired = new LinkedHashMap<>();
    int invalid = 0;
    int skipped = 0;
    for (EndpointSubset subset : Subsets.repack(orEmpty(endpoints.getSubsets()))) {
      List<EndpointPort> ports = orEmpty(subset.getPorts()).stream().map(p -> new EndpointPortBuilder()
          .withName(p.getName()).withPort(p.getPort()).withProtocol(p.getProtocol())
          .withAppProtocol(p.getAppProtocol()).build()).toList();
      for (String type : List.of("IPv4", "IPv6")) {
        desired.computeIfAbsent(new Key(EndpointKey.Ports.of(ports), type),
            k -> new Group(ports, new LinkedHashMap<>()));
      }
      int added = 0;
      int total = orEmpty(subset.getAddresses()).size() + orEmpty(subset.getNotReadyAddresses()).size();
      for (boolean ready : new boolean[] {true, false}) {
        for (EndpointAddress address : orEmpty(ready ? subset.getAddresses() : subset.getNotReadyAddresses())) {
          if (added >= MAX_ENDPOINTS_PER_SUBSET) {
            break;
          }
          Optional<String> type = addressType(address.getIp());
          if (type.isEmpty()) {
            invalid++;
            continue;
          }
          Endpoint endpoint = endpoint(address, ready);
          desired.get(new Key(EndpointKey.Ports.of(ports), type.get())).endpoints()
              .put(EndpointKey.of(endpoint), endpoint);
          added++;
        }
      }
      skipped += total - added;
    }
    Map<Key, List<EndpointSlice>> existingByKey = new LinkedHashMap<>();
    for (EndpointSlice slice : existing) {
      existingByKey.computeIfAbsent(new Key(EndpointKey.Ports.of(slice.getPorts()), slice.getAddressType()),
          k -> new ArrayList<>()).add(slice);
    }
    SliceChanges changes = SliceChanges.empty();
    desired.forEach((key, group) ->
        changes.addAll(planKey(endpoints, existingByKey.getOrDefault(key, List.of()), group, key.addressType())));
    existingByKey.forEach((key, slices) -> {
      if (!desired.containsKey(key)) {
        changes.toDelete().addAll(slices);
      }
    });
    return new Plan(changes, invalid, skipped);
  }

  private static SliceChanges planKey(Endpoints endpoints, List<EndpointSlice> existing, Group group, String type) {
    SliceChanges changes = SliceChanges.empty();
    if (group.endpoints().isEmpty()) {
      changes.toDelete().addAll(existing);
      return changes;
    }
    Optional<String> name = Optional.empty();
    if (!existing.isEmpty()) {
      changes.toDelete().addAll(existing.subList(1, existing.size()));
      EndpointSlice first = existing.getFirst();
      if (sameEndpoints(first, group) && labels(endpoints).equals(orEmpty(first.getMetadata().getLabels()))
          && annotations(endpoints).equals(orEmpty(first.getMetadata().getAnnotations()))) {
        return changes;
      }
      name = Optional.of(first.getMetadata().getName());
    }
    EndpointSlice slice = newSlice(endpoints, group.ports(), type, name);
    group.endpoints().values().stream().limit(MAX_ENDPOINTS_PER_SUBSET).forEach(slice.getEndpoints()::add);
    if (name.isPresent()) {
      slice.getMetadata().setResourceVersion(existing.getFirst().getMetadata().getResourceVersion());
      changes.toUpdate().add(slice);
    } else {
      changes.toCreate().add(slice);
    }
    return changes;
  }

  /** {@code totalChanges} found nothing to add, update or remove. */
  private static boolean sameEndpoints(EndpointSlice slice, Group group) {
    List<Endpoint> current = orEmpty(slice.getEndpoints());
    if (current.size() != group.endpoints().size()) {
      return false;
    }
    for (Endpoint endpoint : current) {
      Endpoint wanted = group.endpoints().get(EndpointKey.of(endpoint));
      if (wanted == null || !EndpointKey.equalBeyondKey(wanted, endpoint)) {
        return false;
      }
    }
    return true;
  }

  /** {@code newEndpointSlice}: owned by the Endpoints, with its labels and annotations. */
  static EndpointSlice newSlice(Endpoints endpoints, List<EndpointPort> ports, String type, Optional<String> name) {
    EndpointSlice slice = new EndpointSliceBuilder()
        .withNewMetadata().withNamespace(endpoints.getMetadata().getNamespace())
        .withName(name.orElse(null))
        .withGenerateName(name.isPresent() ? null : SliceLabels.generateName(endpoints.getMetadata().getName()))
        .withLabels(labels(endpoints)).withAnnotations(annotations(endpoints))
        .withOwnerReferences(SliceLabels.controllerRef(endpoints, "v1", "Endpoints")).endMetadata()
        .withAddressType(type).build();
    slice.setPorts(new ArrayList<>(ports));
    slice.setEndpoints(new ArrayList<>());
    return slice;
  }

  static Map<String, String> labels(Endpoints endpoints) {
    Map<String, String> labels = new HashMap<>(orEmpty(endpoints.getMetadata().getLabels()));
    labels.put(SliceLabels.SERVICE_NAME, endpoints.getMetadata().getName());
    labels.put(SliceLabels.MANAGED_BY, EndpointSliceMirroringController.MANAGED_BY);
    return labels;
  }

  /** Every annotation but the trigger time and kubectl's last-applied configuration. */
  static Map<String, String> annotations(Endpoints endpoints) {
    Map<String, String> annotations = new HashMap<>(orEmpty(endpoints.getMetadata().getAnnotations()));
    annotations.remove(io.capstan.controllers.endpoints.TriggerTimeTracker.ANNOTATION);
    annotations.remove(LAST_APPLIED);
    return annotations;
  }

  /** {@code addressToEndpoint}. */
  static Endpoint endpoint(EndpointAddress address, boolean ready) {
    String hostname = address.getHostname();
    return new EndpointBuilder().withAddresses(address.getIp()).withNewConditions().withReady(ready).endConditions()
        .withTargetRef(address.getTargetRef()).withNodeName(address.getNodeName())
        .withHostname(hostname == null || hostname.isEmpty() ? null : hostname).build();
  }

  /** {@code getAddressType}: IPv4 or IPv6, or empty for something that is no IP address. */
  static Optional<String> addressType(String ip) {
    if (ip == null) {
      return Optional.empty();
    }
    var v4 = IPV4.matcher(ip);
    if (v4.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(v4.group(i)) > 255) {
          return Optional.empty();
        }
      }
      return Optional.of("IPv4");
    }
    if (ip.contains(":") && IPV6.matcher(ip).matches()) {
      try {
        // Only hex digits, colons and dots: parsed as a literal, never looked up.
        byte[] bytes = java.net.InetAddress.getByName(ip).getAddress();
        return Optional.of(bytes.length == 4 ? "IPv4" : "IPv6");
      } catch (java.net.UnknownHostException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }
}

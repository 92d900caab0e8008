package io.capstan.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints that share one port set ({@code endpointMeta} plus an {@code EndpointSet}), in insertion order so
 * packing is deterministic. Endpoints are taken out as they are placed.
 */
public record DesiredGroup(List<EndpointPort> ports, Map<EndpointKey, Endpoint> endpoints) {

  public DesiredGroup(List<EndpointPort> ports) {
    this(List.copyOf(ports), new LinkedHashMap<>());
  }

  public void add(Endpoint endpoint) {
    endpoints.put(EndpointKey.of(endpoint), endpoint);
  }

  /** {@code PopAny}: removes and returns the oldest remaining endpoint. */
  Endpoint pop() {
    var first = endpoints.entrySet().iterator().next();
    endpoints.remove(first.getKey());
    return first.getValue();
  }
}

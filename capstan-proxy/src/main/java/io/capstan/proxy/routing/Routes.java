package io.capstan.proxy.routing;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a Service and its EndpointSlices mean to the proxy, as pure functions: for each TCP port
 * the addresses to listen on (every cluster IP, and the node IP at the nodePort for NodePort and
 * LoadBalancer services), the endpoints the slices offer for it, and the session-affinity timeout.
 * Services without a cluster IP (headless, ExternalName, not yet allocated) get no routes.
 */
public final class Routes {

  /** Kubernetes' default {@code sessionAffinityConfig.clientIP.timeoutSeconds} (3 hours). */
  static final Duration DEFAULT_AFFINITY = Duration.ofSeconds(10800);

  private static final Set<String> PROXIED_TYPES = Set.of("ClusterIP", "NodePort",
      "LoadBalancer");

  private Routes() {}

  /**
   * One TCP service port.
   *
   * @param endpoints the usable endpoints by the slices' conditions, sorted, without duplicates
   * @param affinity how long a client IP sticks to its endpoint; zero without ClientIP affinity
   */
  public record PortRoute(ServicePortKey key, List<Endpoint> endpoints, Duration affinity,
      List<ListenAddress> listens) {}

  /** A service's routes, and its ports the proxy does not carry (UDP, SCTP). */
  public record ServiceRoutes(List<PortRoute> ports, List<ServicePortKey> unsupported) {
    static final ServiceRoutes NONE = new ServiceRoutes(List.of(), List.of());
  }

  public static ServiceRoutes of(Service service, Collection<EndpointSlice> slices,
      String nodeIp) {
    ServiceSpec spec = service.getSpec();
    List<String> clusterIps = clusterIps(spec);
    if (clusterIps.isEmpty()) {
      return ServiceRoutes.NONE;
    }
    String type = spec.getType() == null ? "ClusterIP" : spec.getType();
    boolean nodePorts = type.equals("NodePort") || type.equals("LoadBalancer");
    Duration affinity = affinity(spec);
    List<PortRoute> ports = new ArrayList<>();
    List<ServicePortKey> unsupported = new ArrayList<>();
    for (ServicePort port : spec.getPorts() == null ? List.<ServicePort>of() : spec.getPorts()) {
      ServicePortKey key = new ServicePortKey(service.getMetadata().getNamespace(),
          service.getMetadata().getName(), port.getName() == null ? "" : port.getName());
      if (!isTcp(port.getProtocol())) {
        unsupported.add(key);
        continue;
      }
      if (port.getPort() == null) {
        continue;
      }
      List<ListenAddress> listens = new ArrayList<>();
      clusterIps.forEach(ip -> listens.add(new ListenAddress(ip, port.getPort())));
      if (nodePorts && port.getNodePort() != null && port.getNodePort() > 0) {
        listens.add(new ListenAddress(nodeIp, port.getNodePort()));
      }
      ports.add(new PortRoute(key, endpoints(slices, key.portName()), affinity,
          List.copyOf(listens)));
    }
    return new ServiceRoutes(List.copyOf(ports), List.copyOf(unsupported));
  }

  private static List<String> clusterIps(ServiceSpec spec) {
    if (spec == null) {
      return List.of();
    }
    String type = spec.getType() == null ? "ClusterIP" : spec.getType();
    if (!PROXIED_TYPES.contains(type)) {
      return List.of();
    }
    List<String> ips = spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty()
        ? spec.getClusterIPs()
        : spec.getClusterIP() == null ? List.of() : List.of(spec.getClusterIP());
    return ips.stream().filter(ip -> ip != null && !ip.isEmpty() && !ip.equals("None"))
        .toList();
  }

  private static Duration affinity(ServiceSpec spec) {
    if (!"ClientIP".equals(spec.getSessionAffinity())) {
      return Duration.ZERO;
    }
    var config = spec.getSessionAffinityConfig();
    Integer seconds = config == null || config.getClientIP() == null ? null
        : config.getClientIP().getTimeoutSeconds();
    return seconds == null || seconds <= 0 ? DEFAULT_AFFINITY : Duration.ofSeconds(seconds);
  }

  private static boolean isTcp(String protocol) {
    return protocol == null || protocol.equals("TCP");
  }

  /**
   * The slices' endpoints for the service port named {@code portName}: those ready (an absent
   * condition counts as ready) and not terminating, at the slice port of the same name.
   */
  static List<Endpoint> endpoints(Collection<EndpointSlice> slices, String portName) {
    TreeSet<Endpoint> out = new TreeSet<>();
    for (EndpointSlice slice : slices) {
      if ("FQDN".equals(slice.getAddressType()) || slice.getPorts() == null
          || slice.getEndpoints() == null) {
        continue;
      }
      Integer number = slice.getPorts().stream()
          .filter(p -> portName.equals(p.getName() == null ? "" : p.getName()))
          .filter(p -> isTcp(p.getProtocol()))
          .map(EndpointPort::getPort).filter(Objects::nonNull).findFirst().orElse(null);
      if (number == null) {
        continue;
      }
      for (var endpoint : slice.getEndpoints()) {
        if (!isUsable(endpoint.getConditions()) || endpoint.getAddresses() == null) {
          continue;
        }
        String uid = endpoint.getTargetRef() == null || endpoint.getTargetRef().getUid() == null
            ? "" : endpoint.getTargetRef().getUid();
        endpoint.getAddresses().forEach(address -> out.add(new Endpoint(address, number, uid)));
      }
    }
    return List.copyOf(out);
  }

  private static boolean isUsable(EndpointConditions conditions) {
    return conditions == null
        || !Boolean.FALSE.equals(conditions.getReady())
        && !Boolean.TRUE.equals(conditions.getTerminating());
  }
}

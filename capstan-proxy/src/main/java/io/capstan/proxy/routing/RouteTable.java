package io.capstan.proxy.routing;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of every service, kept current by the Service and EndpointSlice informers. Each
 * event recomputes only the one service it concerns and hands that service's listen addresses to
 * the {@link ListenSink}, so thousands of services cost nothing per unrelated change. Connections
 * read {@link #route} without locking.
 */
public final class RouteTable {

  private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);
  /** The label tying an EndpointSlice to its Service. */
  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  /** Receives a service's complete set of listen addresses whenever it changes. */
  @FunctionalInterface
  public interface ListenSink {
    void listen(String serviceId, Map<ListenAddress, ServicePortKey> listens);
  }

  private final String nodeIp;
  private final ListenSink sink;
  private final Map<String, Service> services = new HashMap<>();
  private final Map<String, Map<String, EndpointSlice>> slicesByService = new HashMap<>();
  private final Map<String, String> serviceOfSlice = new HashMap<>();
  private final Map<String, Set<ServicePortKey>> keysByService = new HashMap<>();
  private final Set<ServicePortKey> warnedUnsupported = new HashSet<>();
  private final ConcurrentHashMap<ServicePortKey, ServiceRoute> routes =
      new ConcurrentHashMap<>();

  public RouteTable(String nodeIp, ListenSink sink) {
    this.nodeIp = nodeIp;
    this.sink = sink;
  }

  public Optional<ServiceRoute> route(ServicePortKey key) {
    return Optional.ofNullable(routes.get(key));
  }

  public Collection<ServiceRoute> routes() {
    return routes.values();
  }

  /** Every address the slices give for pod {@code podUid}, in any route. */
  public Set<String> addressesOf(String podUid) {
    Set<String> out = new HashSet<>();
    for (ServiceRoute route : routes.values()) {
      route.endpoints().stream().filter(e -> e.podUid().equals(podUid))
          .forEach(e -> out.add(e.address()));
    }
    return out;
  }

  public synchronized void serviceChanged(Service service) {
    String id = id(service.getMetadata().getNamespace(), service.getMetadata().getName());
    services.put(id, service);
    recompute(id);
  }

  public synchronized void serviceDeleted(Service service) {
    String id = id(service.getMetadata().getNamespace(), service.getMetadata().getName());
    services.remove(id);
    recompute(id);
  }

  public synchronized void sliceChanged(EndpointSlice slice) {
    String sliceId = id(slice.getMetadata().getNamespace(), slice.getMetadata().getName());
    String previous = serviceOfSlice.remove(sliceId);
    if (previous != null) {
      removeSlice(previous, sliceId);
    }
    String owner = ownerOf(slice);
    if (owner != null) {
      serviceOfSlice.put(sliceId, owner);
      slicesByService.computeIfAbsent(owner, k -> new HashMap<>()).put(sliceId, slice);
      recompute(owner);
    }
    if (previous != null && !previous.equals(owner)) {
      recompute(previous);
    }
  }

  public synchronized void sliceDeleted(EndpointSlice slice) {
    String sliceId = id(slice.getMetadata().getNamespace(), slice.getMetadata().getName());
    String previous = serviceOfSlice.remove(sliceId);
    if (previous != null) {
      removeSlice(previous, sliceId);
      recompute(previous);
    }
  }

  private void removeSlice(String serviceId, String sliceId) {
    Map<String, EndpointSlice> slices = slicesByService.get(serviceId);
    if (slices != null) {
      slices.remove(sliceId);
      if (slices.isEmpty()) {
        slicesByService.remove(serviceId);
      }
    }
  }

  private static String ownerOf(EndpointSlice slice) {
    Map<String, String> labels = slice.getMetadata().getLabels();
    String name = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
    return name == null || name.isEmpty() ? null : id(slice.getMetadata().getNamespace(), name);
  }

  private void recompute(String serviceId) {
    Service service = services.get(serviceId);
    Routes.ServiceRoutes computed = service == null ? Routes.ServiceRoutes.NONE
        : Routes.of(service, slicesByService.getOrDefault(serviceId, Map.of()).values(), nodeIp);
    Set<ServicePortKey> keys = new HashSet<>();
    Map<ListenAddress, ServicePortKey> listens = new LinkedHashMap<>();
    for (Routes.PortRoute port : computed.ports()) {
      keys.add(port.key());
      routes.compute(port.key(), (k, existing) -> {
        if (existing == null) {
          return new ServiceRoute(k, port.endpoints(), port.affinity());
        }
        existing.update(port.endpoints(), port.affinity());
        return existing;
      });
      port.listens().forEach(address -> listens.putIfAbsent(address, port.key()));
    }
    for (ServicePortKey stale : keysByService.getOrDefault(serviceId, Set.of())) {
      if (!keys.contains(stale)) {
        routes.remove(stale);
      }
    }
    if (keys.isEmpty()) {
      keysByService.remove(serviceId);
    } else {
      keysByService.put(serviceId, keys);
    }
    warnUnsupported(computed.unsupported());
    if (service == null) {
      warnedUnsupported.removeIf(k -> k.serviceId().equals(serviceId));
    }
    sink.listen(serviceId, listens);
  }

  private void warnUnsupported(List<ServicePortKey> unsupported) {
    for (ServicePortKey key : unsupported) {
      if (warnedUnsupported.add(key)) {
        LOG.warn("service port {} is not TCP; the proxy carries TCP only and ignores it", key);
      }
    }
  }

  private static String id(String namespace, String name) {
    return namespace + "/" + name;
  }
}

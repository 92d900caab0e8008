package io.capstan.apiserver.bootstrap;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.WriteOptions;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.registry.DeleteOptions;
import io.capstan.apiserver.registry.ObjectKeys;
import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.Store;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code default/kubernetes} Service and the Endpoints and EndpointSlice behind it, as
 * Kubernetes' control-plane reconcilers keep them for one API server
 * ({@code pkg/controlplane/reconcilers}): the Service gets the first address of the service
 * range and port 443 ({@code https}) forwarding to the server's port; the endpoints name the
 * advertised address and port of every live server ({@link MasterLeases}, kept by {@link
 * LeaseEndpointReconciler}). An unchanged object is not rewritten.
 */
public final class KubernetesService {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesService.class);

  static final String NAME = "kubernetes";
  static final String NAMESPACE = "default";
  static final int SERVICE_PORT = 443;

  private final Store store;
  private final GenericRegistry services;
  private final GenericRegistry endpoints;
  private final GenericRegistry endpointSlices;

  public KubernetesService(Store store, GenericRegistry services, GenericRegistry endpoints,
      GenericRegistry endpointSlices) {
    this.store = store;
    this.services = services;
    this.endpoints = endpoints;
    this.endpointSlices = endpointSlices;
  }

  /**
   * Creates the Service, or puts its ports right.
   *
   * @param serviceIp the Service's cluster IP (used only when it is created)
   * @param port this server's port
   */
  public void reconcileService(String serviceIp, int port) {
    ensure(services, NAME, service(serviceIp, port), current -> updatedService(current, port));
  }

  /**
   * Makes the Endpoints and EndpointSlices name exactly {@code servers} (sorted): one subset and
   * one slice per port, the slice of the lowest port named {@code kubernetes} and any other
   * {@code kubernetes-PORT} (servers of one cluster normally share a port; on one machine they
   * cannot). Slices of ports no server uses any more are deleted.
   */
  public void reconcileEndpoints(List<MasterLeases.Holder> servers) {
    ObjectNode wantedEndpoints = endpoints(servers);
    ensure(endpoints, NAME, wantedEndpoints, current -> sameContent(current, wantedEndpoints,
        "subsets") ? current : wantedEndpoints);
    Map<Integer, List<String>> byPort = byPort(servers);
    Set<String> sliceNames = new HashSet<>();
    if (byPort.isEmpty()) {
      byPort.put(0, List.of());
    }
    boolean first = true;
    for (Map.Entry<Integer, List<String>> group : byPort.entrySet()) {
      String name = first ? NAME : NAME + "-" + group.getKey();
      first = false;
      sliceNames.add(name);
      ObjectNode slice = endpointSlice(name, group.getValue(), group.getKey());
      ensure(endpointSlices, name, slice, current -> sameContent(current, slice, "endpoints",
          "ports", "addressType") ? current : slice);
    }
    String namespaceKeys = ObjectKeys.prefix(endpointSlices.type(), NAMESPACE);
    for (KeyValue kv : store.list(ListRequest.all(namespaceKeys + NAME + "-")).items()) {
      String name = kv.key().substring(namespaceKeys.length());
      if (!sliceNames.contains(name)) {
        try {
          endpointSlices.delete(NAMESPACE, name, DeleteOptions.DEFAULT);
        } catch (ApiException e) {
          if (e.code() != 404) {
            throw e;
          }
        }
      }
    }
    LOG.debug("kubernetes endpoints reconciled servers={}", servers);
  }

  private static Map<Integer, List<String>> byPort(List<MasterLeases.Holder> servers) {
    Map<Integer, List<String>> byPort = new TreeMap<>();
    for (MasterLeases.Holder server : servers) {
      byPort.computeIfAbsent(server.port(), p -> new ArrayList<>()).add(server.ip());
    }
    byPort.values().forEach(ips -> ips.sort(null));
    return byPort;
  }

  /**
   * Creates {@code desired}, or applies {@code update} to the existing object and writes it when
   * that changed something.
   */
  private static void ensure(GenericRegistry registry, String name, ObjectNode desired,
      UnaryOperator<ObjectNode> update) {
    // Read first: creating an existing Service would fail on its taken address, not with 409.
    ObjectNode current;
    try {
      current = registry.get(NAMESPACE, name);
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
      registry.create(NAMESPACE, desired, WriteOptions.DEFAULT);
      return;
    }
    ObjectNode wanted = update.apply(current.deepCopy());
    if (wanted == current || wanted.equals(current)) {
      return;
    }
    ObjectNode body = wanted.deepCopy();
    ObjectNode meta = (ObjectNode) body.get("metadata");
    ObjectNode currentMeta = (ObjectNode) current.get("metadata");
    for (String field : new String[] {"uid", "resourceVersion", "creationTimestamp"}) {
      Nodes.copyField(meta, currentMeta, field);
    }
    registry.update(NAMESPACE, name, body, WriteOptions.DEFAULT);
  }

  /** {@code getMasterServiceUpdateIfNeeded}: only the ports and the type are put right. */
  private static ObjectNode updatedService(ObjectNode current, int port) {
    ObjectNode spec = Nodes.ensureObject(current, "spec");
    ObjectNode wanted = service("", port);
    ObjectNode wantedSpec = (ObjectNode) wanted.get("spec");
    boolean portsMatch = Nodes.semanticEquals(spec.get("ports"), wantedSpec.get("ports"));
    if (portsMatch && Nodes.string(spec, "type").equals("ClusterIP")) {
      return current;
    }
    ObjectNode updated = current.deepCopy();
    ObjectNode updatedSpec = (ObjectNode) updated.get("spec");
    updatedSpec.set("ports", wantedSpec.get("ports").deepCopy());
    updatedSpec.put("type", "ClusterIP");
    return updated;
  }

  private static boolean sameContent(ObjectNode current, ObjectNode desired, String... fields) {
    for (String field : fields) {
      if (!Nodes.semanticEquals(current.get(field), desired.get(field))) {
        return false;
      }
    }
    return Nodes.semanticEquals(current.path("metadata").get("labels"),
        desired.path("metadata").get("labels"));
  }

  static ObjectNode service(String clusterIp, int port) {
    ObjectNode service = object("v1", "Service", NAME);
    ObjectNode labels = ((ObjectNode) service.get("metadata")).putObject("labels");
    labels.put("component", "apiserver");
    labels.put("provider", "kubernetes");
    ObjectNode spec = service.putObject("spec");
    ObjectNode servicePort = spec.putArray("ports").addObject();
    servicePort.put("name", "https");
    servicePort.put("protocol", "TCP");
    servicePort.put("port", SERVICE_PORT);
    servicePort.put("targetPort", port);
    if (!clusterIp.isEmpty()) {
      spec.put("clusterIP", clusterIp);
    }
    spec.put("type", "ClusterIP");
    spec.put("sessionAffinity", "None");
    return service;
  }

  static ObjectNode endpoints(List<MasterLeases.Holder> servers) {
    ObjectNode endpoints = object("v1", "Endpoints", NAME);
    ((ObjectNode) endpoints.get("metadata")).putObject("labels")
        .put("endpointslice.kubernetes.io/skip-mirror", "true");
    ArrayNode subsets = endpoints.putArray("subsets");
    byPort(servers).forEach((port, ips) -> {
      ObjectNode subset = subsets.addObject();
      ArrayNode addresses = subset.putArray("addresses");
      ips.forEach(ip -> addresses.addObject().put("ip", ip));
      subset.putArray("ports").addObject().put("name", "https").put("port", port)
          .put("protocol", "TCP");
    });
    return endpoints;
  }

  /** {@code endpointSliceFromEndpoints} of the reconcilers' endpoints adapter, for one port. */
  static ObjectNode endpointSlice(String name, List<String> ips, int port) {
    ObjectNode slice = object("discovery.k8s.io/v1", "EndpointSlice", name);
    ((ObjectNode) slice.get("metadata")).putObject("labels")
        .put("kubernetes.io/service-name", NAME);
    slice.put("addressType", "IPv4");
    ArrayNode endpointList = slice.putArray("endpoints");
    for (String ip : ips) {
      ObjectNode endpoint = endpointList.addObject();
      endpoint.putArray("addresses").add(ip);
      endpoint.putObject("conditions").put("ready", true);
    }
    ArrayNode ports = slice.putArray("ports");
    if (!ips.isEmpty()) {
      ports.addObject().put("name", "https").put("protocol", "TCP").put("port", port);
    }
    return slice;
  }

  private static ObjectNode object(String apiVersion, String kind, String name) {
    ObjectNode object = Json.object();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    object.putObject("metadata").put("name", name).put("namespace", NAMESPACE);
    return object;
  }

  /** The advertised host as an IPv4 address, resolving a host name. */
  public static Optional<String> ipv4Of(String host) {
    try {
      for (java.net.InetAddress a : java.net.InetAddress.getAllByName(host)) {
        if (a instanceof java.net.Inet4Address) {
          return Optional.of(a.getHostAddress());
        }
      }
    } catch (java.net.UnknownHostException e) {
      LOG.warn("cannot resolve the advertised host={}: {}", host, e.getMessage());
    }
    return Optional.empty();
  }
}

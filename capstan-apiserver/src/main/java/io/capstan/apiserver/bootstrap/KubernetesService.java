package io.capstan.apiserver.bootstrap;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.WriteOptions;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code default/kubernetes} Service and the Endpoints and EndpointSlice behind it, as
 * Kubernetes' control-plane reconcilers keep them for one API server
 * ({@code pkg/controlplane/reconcilers}): the Service gets the first address of the service
 * range and port 443 ({@code https}) forwarding to the server's port; the endpoints name the
 * server's advertised address and port. Run on each start, so a new port or address is
 * published and an unchanged one is not rewritten.
 */
public final class KubernetesService {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesService.class);

  static final String NAME = "kubernetes";
  static final String NAMESPACE = "default";
  static final int SERVICE_PORT = 443;

  private final GenericRegistry services;
  private final GenericRegistry endpoints;
  private final GenericRegistry endpointSlices;

  public KubernetesService(GenericRegistry services, GenericRegistry endpoints,
      GenericRegistry endpointSlices) {
    this.services = services;
    this.endpoints = endpoints;
    this.endpointSlices = endpointSlices;
  }

  /**
   * Creates or updates the three objects.
   *
   * @param serviceIp the Service's cluster IP (used only when it is created)
   * @param address the IPv4 address clients reach this server on
   * @param port the server's port
   */
  public void reconcile(String serviceIp, String address, int port) {
    ensure(services, service(serviceIp, port), current -> updatedService(current, port));
    ensure(endpoints, endpoints(address, port), current -> sameContent(current,
        endpoints(address, port), "subsets") ? current : endpoints(address, port));
    ensure(endpointSlices, endpointSlice(address, port), current -> sameContent(current,
        endpointSlice(address, port), "endpoints", "ports", "addressType")
        ? current : endpointSlice(address, port));
    LOG.debug("kubernetes service reconciled address={} port={}", address, port);
  }

  /**
   * Creates {@code desired}, or applies {@code update} to the existing object and writes it when
   * that changed something.
   */
  private static void ensure(GenericRegistry registry, ObjectNode desired,
      UnaryOperator<ObjectNode> update) {
    // Read first: creating an existing Service would fail on its taken address, not with 409.
    ObjectNode current;
    try {
      current = registry.get(NAMESPACE, NAME);
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
    registry.update(NAMESPACE, NAME, body, WriteOptions.DEFAULT);
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
    ObjectNode service = object("v1", "Service");
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

  static ObjectNode endpoints(String address, int port) {
    ObjectNode endpoints = object("v1", "Endpoints");
    ((ObjectNode) endpoints.get("metadata")).putObject("labels")
        .put("endpointslice.kubernetes.io/skip-mirror", "true");
    ObjectNode subset = endpoints.putArray("subsets").addObject();
    subset.putArray("addresses").addObject().put("ip", address);
    subset.putArray("ports").addObject().put("name", "https").put("port", port)
        .put("protocol", "TCP");
    return endpoints;
  }

  /** {@code endpointSliceFromEndpoints} of the reconcilers' endpoints adapter. */
  static ObjectNode endpointSlice(String address, int port) {
    ObjectNode slice = object("discovery.k8s.io/v1", "EndpointSlice");
    ((ObjectNode) slice.get("metadata")).putObject("labels")
        .put("kubernetes.io/service-name", NAME);
    slice.put("addressType", "IPv4");
    ObjectNode endpoint = slice.putArray("endpoints").addObject();
    endpoint.putArray("addresses").add(address);
    endpoint.putObject("conditions").put("ready", true);
    slice.putArray("ports").addObject().put("name", "https").put("protocol", "TCP")
        .put("port", port);
    return slice;
  }

  private static ObjectNode object(String apiVersion, String kind) {
    ObjectNode object = Json.object();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    object.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE);
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

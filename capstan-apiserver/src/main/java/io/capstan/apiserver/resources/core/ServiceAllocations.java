package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.allocation.AllocationException;
import io.capstan.apiserver.allocation.IpAllocator;
import io.capstan.apiserver.allocation.PortAllocator;
import io.capstan.apiserver.allocation.Reservation;
import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.json.Meta;
import io.capstan.apiserver.registry.StorageHooks;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cluster IPs and node ports of Services ({@code pkg/registry/core/service/storage/alloc.go}
 * for a single-stack IPv4 cluster): reserved before a Service is written, given back when an
 * update stops using them and when the Service is gone. {@link #restore} rebuilds the
 * reservations from the stored Services when the server starts.
 */
public final class ServiceAllocations implements StorageHooks {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceAllocations.class);
  private static final FieldPath SPEC = FieldPath.of("spec");

  private final IpAllocator ips;
  private final PortAllocator ports;

  public ServiceAllocations(IpAllocator ips, PortAllocator ports) {
    this.ips = ips;
    this.ports = ports;
  }

  /** Marks what the stored Services hold; conflicts (two owners, out of range) are logged. */
  public void restore(Iterable<ObjectNode> services) {
    for (ObjectNode service : services) {
      JsonNode spec = Nodes.objectOrEmpty(service, "spec");
      String who = Meta.namespace(service) + "/" + Meta.name(service);
      for (String ip : clusterIps(spec)) {
        try {
          ips.restore(ip);
        } catch (AllocationException e) {
          LOG.warn("cluster IP of service={} ip={} cannot be restored: {}", who, ip,
              e.getMessage());
        }
      }
      for (int port : new LinkedHashSet<>(heldPorts(spec))) {
        try {
          ports.restore(port);
        } catch (AllocationException e) {
          LOG.warn("node port of service={} port={} cannot be restored: {}", who, port,
              e.getMessage());
        }
      }
    }
  }

  /** The cluster IPs stored Services hold, for the repair loop. */
  public static Set<String> heldClusterIps(Iterable<ObjectNode> services) {
    Set<String> held = new java.util.HashSet<>();
    for (ObjectNode service : services) {
      held.addAll(clusterIps(Nodes.objectOrEmpty(service, "spec")));
    }
    return held;
  }

  /** The node ports (health-check ports included) stored Services hold, as text. */
  public static Set<String> heldNodePorts(Iterable<ObjectNode> services) {
    Set<String> held = new java.util.HashSet<>();
    for (ObjectNode service : services) {
      heldPorts(Nodes.objectOrEmpty(service, "spec")).forEach(p -> held.add(p.toString()));
    }
    return held;
  }

  @Override
  public Transaction beginCreate(ObjectNode service, boolean dryRun) {
    Reservation reservation = new Reservation(ips, ports, dryRun);
    try {
      ObjectNode spec = Nodes.ensureObject(service, "spec");
      checkFamilies(service, spec);
      allocateClusterIps(service, spec, reservation);
      if (usesNodePorts(spec)) {
        allocateNodePorts(service, spec, reservation);
      }
      if (Services.needsHealthCheck(spec)) {
        allocateHealthCheckPort(spec, reservation);
      }
      return reservation;
    } catch (RuntimeException e) {
      reservation.revert();
      throw e;
    }
  }

  @Override
  public Transaction beginUpdate(ObjectNode service, ObjectNode old, boolean dryRun) {
    Reservation reservation = new Reservation(ips, ports, dryRun);
    try {
      ObjectNode spec = Nodes.ensureObject(service, "spec");
      JsonNode oldSpec = Nodes.objectOrEmpty(old, "spec");
      checkFamilies(service, spec);
      updateClusterIps(service, spec, oldSpec, reservation);
      if (usesNodePorts(oldSpec) && !usesNodePorts(spec)) {
        nodePorts(oldSpec).forEach(reservation::releasePortLater);
      }
      if (usesNodePorts(spec)) {
        updateNodePorts(service, spec, oldSpec, reservation);
      }
      boolean needed = Services.needsHealthCheck(oldSpec);
      boolean needs = Services.needsHealthCheck(spec);
      if (!needed && needs) {
        allocateHealthCheckPort(spec, reservation);
      } else if (needed && !needs) {
        reservation.releasePortLater((int) Nodes.integer(oldSpec, "healthCheckNodePort"));
      }
      return reservation;
    } catch (RuntimeException e) {
      reservation.revert();
      throw e;
    }
  }

  @Override
  public void afterDelete(ObjectNode service) {
    JsonNode spec = Nodes.objectOrEmpty(service, "spec");
    clusterIps(spec).forEach(ips::release);
    heldPorts(spec).forEach(ports::release);
  }

  /** Only IPv4 is configured, so other families and dual-stack demands are refused. */
  private static void checkFamilies(ObjectNode service, JsonNode spec) {
    if (!Services.needsClusterIp(spec)
        || Services.isHeadless(spec) && Nodes.stringMap(spec, "selector").isEmpty()) {
      return;
    }
    List<FieldError> errs = new ArrayList<>();
    if (Nodes.string(spec, "ipFamilyPolicy").equals("RequireDualStack")) {
      errs.add(FieldError.invalid(SPEC.child("ipFamilyPolicy").text(), "RequireDualStack",
          "this cluster is not configured for dual-stack services"));
    }
    List<String> families = Nodes.strings(spec, "ipFamilies");
    for (int i = 0; i < families.size(); i++) {
      if (!families.get(i).equals("IPv4")) {
        errs.add(FieldError.invalid(SPEC.child("ipFamilies").index(i).text(), families.get(i),
            "not configured on this cluster"));
      }
    }
    if (!errs.isEmpty()) {
      throw ApiException.invalid("", "Service", Meta.name(service), errs);
    }
  }

  private void allocateClusterIps(ObjectNode service, ObjectNode spec, Reservation reservation) {
    if (!Services.needsClusterIp(spec) || Services.isHeadless(spec)) {
      return;
    }
    List<String> requested = Nodes.strings(spec, "clusterIPs");
    String ip;
    if (!requested.isEmpty() && !requested.getFirst().isEmpty()) {
      ip = requested.getFirst();
      try {
        reservation.allocateIp(ip);
      } catch (AllocationException e) {
        throw ApiException.invalid("", "Service", Meta.name(service), List.of(
            FieldError.invalid(SPEC.child("clusterIPs").text(), new GoStrings(requested),
                "failed to allocate IP " + ip + ": " + e.getMessage())));
      }
    } else {
      try {
        ip = reservation.allocateNextIp();
      } catch (AllocationException e) {
        throw internal("failed to allocate a serviceIP: " + e.getMessage());
      }
    }
    spec.put("clusterIP", ip);
    spec.putArray("clusterIPs").add(ip);
  }

  /** ExternalName ↔ other types; a headless Service keeps {@code None}. */
  private void updateClusterIps(ObjectNode service, ObjectNode spec, JsonNode oldSpec,
      Reservation reservation) {
    boolean wasExternal = !Services.needsClusterIp(oldSpec);
    boolean isExternal = !Services.needsClusterIp(spec);
    if (wasExternal && !isExternal) {
      allocateClusterIps(service, spec, reservation);
    } else if (!wasExternal && isExternal) {
      clusterIps(oldSpec).forEach(reservation::releaseIpLater);
    }
  }

  /**
   * {@code initNodePorts}: a requested port is reserved, others get a free one; ports with the
   * same number (TCP and UDP of one service port) share their node port.
   */
  private void allocateNodePorts(ObjectNode service, JsonNode spec, Reservation reservation) {
    Map<Long, Integer> byServicePort = new HashMap<>();
    List<ObjectNode> servicePorts = Nodes.objects(spec, "ports");
    for (int i = 0; i < servicePorts.size(); i++) {
      ObjectNode port = servicePorts.get(i);
      int nodePort = (int) Nodes.integer(port, "nodePort");
      if (nodePort == 0 && !allocatesNodePorts(spec)) {
        continue;
      }
      long number = Nodes.integer(port, "port");
      Integer shared = byServicePort.get(number);
      if (shared == null) {
        int requested = requestedNodePort(number, servicePorts);
        if (requested != 0) {
          reserveRequested(service, reservation, requested, i);
          shared = requested;
        } else {
          shared = nextNodePort(reservation);
        }
        port.put("nodePort", shared);
        byServicePort.put(number, shared);
      } else if (nodePort != shared) {
        if (nodePort == 0) {
          port.put("nodePort", shared);
        } else {
          reserveRequested(service, reservation, nodePort, i);
        }
      }
    }
  }

  /** {@code updateNodePorts}: keep what the old spec held, reserve what is new, free the rest. */
  private void updateNodePorts(ObjectNode service, JsonNode spec, JsonNode oldSpec,
      Reservation reservation) {
    List<Integer> old = nodePorts(oldSpec);
    Set<Integer> reserved = new java.util.HashSet<>();
    List<ObjectNode> servicePorts = Nodes.objects(spec, "ports");
    for (int i = 0; i < servicePorts.size(); i++) {
      ObjectNode port = servicePorts.get(i);
      int nodePort = (int) Nodes.integer(port, "nodePort");
      if (nodePort == 0 && !allocatesNodePorts(spec)) {
        continue;
      }
      if (nodePort != 0) {
        if (!old.contains(nodePort) && reserved.add(nodePort)) {
          reserveRequested(service, reservation, nodePort, i);
        }
      } else {
        port.put("nodePort", nextNodePort(reservation));
      }
    }
    List<Integer> kept = nodePorts(spec);
    for (int port : old) {
      if (!kept.contains(port)) {
        reservation.releasePortLater(port);
      }
    }
  }

  private void allocateHealthCheckPort(ObjectNode spec, Reservation reservation) {
    int requested = (int) Nodes.integer(spec, "healthCheckNodePort");
    try {
      if (requested != 0) {
        reservation.allocatePort(requested);
      } else {
        spec.put("healthCheckNodePort", reservation.allocateNextPort());
      }
    } catch (AllocationException e) {
      throw internal(requested != 0
          ? "failed to allocate requested HealthCheck NodePort " + requested + ": " + e.getMessage()
          : "failed to allocate a HealthCheck NodePort 0: " + e.getMessage());
    }
  }

  private static void reserveRequested(ObjectNode service, Reservation reservation, int nodePort,
      int index) {
    try {
      reservation.allocatePort(nodePort);
    } catch (AllocationException e) {
      throw ApiException.invalid("", "Service", Meta.name(service), List.of(FieldError.invalid(
          SPEC.child("ports").index(index).child("nodePort").text(), nodePort, e.getMessage())));
    }
  }

  private static int nextNodePort(Reservation reservation) {
    try {
      return reservation.allocateNextPort();
    } catch (AllocationException e) {
      throw internal("failed to allocate a nodePort: " + e.getMessage());
    }
  }

  /** The first non-zero node port asked for by a port with this number. */
  private static int requestedNodePort(long number, List<ObjectNode> ports) {
    for (ObjectNode port : ports) {
      if (Nodes.integer(port, "port") == number && Nodes.integer(port, "nodePort") != 0) {
        return (int) Nodes.integer(port, "nodePort");
      }
    }
    return 0;
  }

  private static boolean usesNodePorts(JsonNode spec) {
    String type = Services.type(spec);
    return type.equals("NodePort") || type.equals("LoadBalancer");
  }

  /** {@code shouldAllocateNodePorts}: LoadBalancers may opt out of unrequested node ports. */
  private static boolean allocatesNodePorts(JsonNode spec) {
    return Services.needsNodePorts(spec);
  }

  private static List<String> clusterIps(JsonNode spec) {
    if (!Services.needsClusterIp(spec) || Services.isHeadless(spec)) {
      return List.of();
    }
    return Nodes.strings(spec, "clusterIPs").stream().filter(ip -> !ip.isEmpty()).toList();
  }

  private static List<Integer> nodePorts(JsonNode spec) {
    List<Integer> out = new ArrayList<>();
    for (ObjectNode port : Nodes.objects(spec, "ports")) {
      int nodePort = (int) Nodes.integer(port, "nodePort");
      if (nodePort != 0) {
        out.add(nodePort);
      }
    }
    return out;
  }

  /** Node ports and the health-check port: what a stored Service holds. */
  private static List<Integer> heldPorts(JsonNode spec) {
    List<Integer> out = nodePorts(spec);
    int healthCheck = (int) Nodes.integer(spec, "healthCheckNodePort");
    if (Services.needsHealthCheck(spec) && healthCheck != 0) {
      out.add(healthCheck);
    }
    return out;
  }

  private static ApiException internal(String message) {
    return ApiException.internal("Internal error occurred: " + message);
  }
}

package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Services ({@code pkg/registry/core/service/strategy.go}): status is reset on create and kept on
 * update; an update that omits allocated values (cluster IPs, node ports) keeps the stored ones,
 * and fields that no longer apply after a type change are dropped when the client left them as
 * they were.
 */
public final class ServiceStrategy implements ResourceStrategy {

  @Override
  public void applyDefaults(ObjectNode service) {
    ServiceDefaults.apply(service);
  }

  @Override
  public void prepareForCreate(ObjectNode service) {
    service.putObject("status").putObject("loadBalancer");
    ObjectNode spec = Nodes.ensureObject(service, "spec");
    String clusterIp = Nodes.string(spec, "clusterIP");
    if (!clusterIp.isEmpty() && Nodes.list(spec, "clusterIPs").isEmpty()) {
      spec.putArray("clusterIPs").add(clusterIp);
    }
  }

  @Override
  public void prepareForUpdate(ObjectNode service, ObjectNode old) {
    Nodes.copyField(service, old, "status");
    Metadata.keepGeneration(service, old);
    ObjectNode spec = Nodes.ensureObject(service, "spec");
    JsonNode oldSpec = Nodes.objectOrEmpty(old, "spec");
    patchAllocatedValues(spec, oldSpec);
    normalizeClusterIps(spec, oldSpec);
    dropTypeDependentFields(service, spec, oldSpec);
  }

  @Override
  public List<FieldError> validate(ObjectNode service) {
    return ServiceValidator.validate(service);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode service, ObjectNode old) {
    JsonNode spec = Nodes.objectOrEmpty(service, "spec");
    JsonNode oldSpec = Nodes.objectOrEmpty(old, "spec");
    List<FieldError> errs = new ArrayList<>(ServiceIpValidator.update(spec, oldSpec));
    if (Services.type(spec).equals("LoadBalancer") && Services.type(oldSpec).equals("LoadBalancer")
        && !Nodes.semanticEquals(spec.get("loadBalancerClass"), oldSpec.get("loadBalancerClass"))) {
      errs.add(FieldError.invalid(FieldPath.of("spec", "loadBalancerClass").text(),
          Nodes.string(spec, "loadBalancerClass"), "may not change once set"));
    }
    if (Services.needsHealthCheck(spec) && Services.needsHealthCheck(oldSpec)
        && Nodes.integer(spec, "healthCheckNodePort")
        != Nodes.integer(oldSpec, "healthCheckNodePort")) {
      errs.add(FieldError.forbidden(FieldPath.of("spec", "healthCheckNodePort").text(),
          "field is immutable"));
    }
    errs.addAll(ServiceValidator.validate(service));
    return errs;
  }

  /** Keeps allocated values the client omitted ({@code patchAllocatedValues}). */
  private static void patchAllocatedValues(ObjectNode spec, JsonNode oldSpec) {
    if (Services.needsClusterIp(oldSpec) && Services.needsClusterIp(spec)) {
      if (Nodes.string(spec, "clusterIP").isEmpty()) {
        Nodes.copyField(spec, oldSpec, "clusterIP");
      }
      if (Nodes.list(spec, "clusterIPs").isEmpty() && !Nodes.list(oldSpec, "clusterIPs").isEmpty()) {
        Nodes.copyField(spec, oldSpec, "clusterIPs");
      }
    }
    if (Services.needsNodePorts(oldSpec) && Services.needsNodePorts(spec)) {
      Set<Long> used = nodePorts(oldSpec);
      used.retainAll(nodePorts(spec));
      Map<String, Long> byName = new HashMap<>();
      for (ObjectNode port : Nodes.objects(oldSpec, "ports")) {
        byName.put(Nodes.string(port, "name"), Nodes.integer(port, "nodePort"));
      }
      for (ObjectNode port : Nodes.objects(spec, "ports")) {
        Long old = byName.get(Nodes.string(port, "name"));
        if (Nodes.integer(port, "nodePort") == 0 && old != null && old != 0 && !used.contains(old)) {
          port.put("nodePort", old.intValue());
        }
      }
    }
    if (Services.needsHealthCheck(oldSpec) && Services.needsHealthCheck(spec)
        && Nodes.integer(spec, "healthCheckNodePort") == 0) {
      Nodes.copyField(spec, oldSpec, "healthCheckNodePort");
    }
  }

  private static Set<Long> nodePorts(JsonNode spec) {
    Set<Long> out = new HashSet<>();
    for (ObjectNode port : Nodes.objects(spec, "ports")) {
      long nodePort = Nodes.integer(port, "nodePort");
      if (nodePort != 0) {
        out.add(nodePort);
      }
    }
    return out;
  }

  /** Keeps {@code clusterIP} and {@code clusterIPs} in step for clients that set only one. */
  private static void normalizeClusterIps(ObjectNode spec, JsonNode oldSpec) {
    List<String> oldIps = Nodes.strings(oldSpec, "clusterIPs");
    String oldIp = Nodes.string(oldSpec, "clusterIP");
    String newIp = Nodes.string(spec, "clusterIP");
    if (!oldIps.isEmpty() && Nodes.list(spec, "clusterIPs").isEmpty() && oldIp.equals(newIp)) {
      Nodes.copyField(spec, oldSpec, "clusterIPs");
    }
    if (!oldIp.equals(newIp)) {
      boolean sameIps = Nodes.semanticEquals(spec.get("clusterIPs"), oldSpec.get("clusterIPs"));
      if (!oldIp.isEmpty() && newIp.isEmpty() && sameIps) {
        spec.remove("clusterIPs");
      }
      if (!newIp.isEmpty() && sameIps) {
        spec.putArray("clusterIPs").add(newIp);
      }
    }
  }

  /** {@code dropTypeDependentFields}: wipe what the new type does not use, if unchanged. */
  private static void dropTypeDependentFields(ObjectNode service, ObjectNode spec,
      JsonNode oldSpec) {
    if (Services.needsClusterIp(oldSpec) && !Services.needsClusterIp(spec)) {
      if (same(spec, oldSpec, "clusterIP") && same(spec, oldSpec, "clusterIPs")) {
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
      }
      if (same(spec, oldSpec, "ipFamilies")) {
        spec.remove("ipFamilies");
      }
      if (same(spec, oldSpec, "ipFamilyPolicy")) {
        spec.remove("ipFamilyPolicy");
      }
    }
    if (Services.needsNodePorts(oldSpec) && !Services.needsNodePorts(spec)
        && nodePorts(spec).equals(nodePorts(oldSpec))) {
      Nodes.objects(spec, "ports").forEach(p -> p.remove("nodePort"));
    }
    if (Services.needsHealthCheck(oldSpec) && !Services.needsHealthCheck(spec)
        && same(spec, oldSpec, "healthCheckNodePort")) {
      spec.remove("healthCheckNodePort");
    }
    boolean wasLb = Services.type(oldSpec).equals("LoadBalancer");
    boolean isLb = Services.type(spec).equals("LoadBalancer");
    if (wasLb && !isLb) {
      if (Nodes.has(spec, "allocateLoadBalancerNodePorts")
          && Nodes.has(oldSpec, "allocateLoadBalancerNodePorts")
          && same(spec, oldSpec, "allocateLoadBalancerNodePorts")) {
        spec.remove("allocateLoadBalancerNodePorts");
      }
      if (same(spec, oldSpec, "loadBalancerClass")) {
        spec.remove("loadBalancerClass");
      }
    }
    if (Services.externallyAccessible(oldSpec) && !Services.externallyAccessible(spec)
        && same(spec, oldSpec, "externalTrafficPolicy")) {
      spec.remove("externalTrafficPolicy");
    }
    if (!isLb) {
      Nodes.ensureObject(service, "status").putObject("loadBalancer");
    }
  }

  private static boolean same(JsonNode spec, JsonNode oldSpec, String field) {
    return Nodes.semanticEquals(spec.get(field), oldSpec.get(field));
  }
}

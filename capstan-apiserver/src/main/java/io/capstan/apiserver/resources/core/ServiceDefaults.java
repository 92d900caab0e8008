package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.IpAddresses;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code SetDefaults_Service}, plus the IP-family fields the Service REST storage fills: a
 * single-stack service in the family of its cluster IP (IPv4 until one is allocated).
 */
final class ServiceDefaults {

  private ServiceDefaults() {}

  static void apply(ObjectNode service) {
    ObjectNode spec = Nodes.ensureObject(service, "spec");
    if (Nodes.string(spec, "sessionAffinity").isEmpty()) {
      spec.put("sessionAffinity", "None");
    }
    String affinity = Nodes.string(spec, "sessionAffinity");
    if (affinity.equals("None")) {
      spec.remove("sessionAffinityConfig");
    } else if (affinity.equals("ClientIP")
        && Nodes.at(spec, "sessionAffinityConfig", "clientIP", "timeoutSeconds").isEmpty()) {
      spec.putObject("sessionAffinityConfig").putObject("clientIP").put("timeoutSeconds", 10800);
    }
    if (Nodes.string(spec, "type").isEmpty()) {
      spec.put("type", "ClusterIP");
    }
    for (ObjectNode port : Nodes.objects(spec, "ports")) {
      if (Nodes.string(port, "protocol").isEmpty()) {
        port.put("protocol", "TCP");
      }
      JsonNode target = port.get("targetPort");
      boolean unset = target == null || target.isNull()
          || target.isNumber() && target.asLong() == 0
          || target.isString() && target.asString().isEmpty();
      if (unset && Nodes.has(port, "port")) {
        port.set("targetPort", port.get("port").deepCopy());
      }
    }
    if (Services.externallyAccessible(spec)
        && Nodes.string(spec, "externalTrafficPolicy").isEmpty()) {
      spec.put("externalTrafficPolicy", "Cluster");
    }
    String type = Services.type(spec);
    if (!Nodes.has(spec, "internalTrafficPolicy")
        && List.of("NodePort", "LoadBalancer", "ClusterIP").contains(type)) {
      spec.put("internalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer")) {
      if (!Nodes.has(spec, "allocateLoadBalancerNodePorts")) {
        spec.put("allocateLoadBalancerNodePorts", true);
      }
      Nodes.at(service, "status", "loadBalancer").ifPresent(lb -> {
        for (ObjectNode ingress : Nodes.objects(lb, "ingress")) {
          if (!Nodes.string(ingress, "ip").isEmpty() && !Nodes.has(ingress, "ipMode")) {
            ingress.put("ipMode", "VIP");
          }
        }
      });
    }
    if (Services.needsClusterIp(spec)) {
      if (!Nodes.has(spec, "ipFamilyPolicy")) {
        spec.put("ipFamilyPolicy", "SingleStack");
      }
      if (Nodes.list(spec, "ipFamilies").isEmpty()) {
        ArrayNode families = spec.putArray("ipFamilies");
        for (String ip : Nodes.strings(spec, "clusterIPs")) {
          if (!ip.equals("None")) {
            families.add(IpAddresses.isV6(ip) ? "IPv6" : "IPv4");
          }
        }
        if (families.isEmpty()) {
          families.add("IPv4");
        }
      }
    }
  }
}

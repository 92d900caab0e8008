package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.resources.fields.Nodes;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Predicates on a Service's spec ({@code pkg/api/service}, registry helpers). */
final class Services {

  private Services() {}

  static String type(JsonNode spec) {
    return Nodes.string(spec, "type");
  }

  static boolean isHeadless(JsonNode spec) {
    List<String> ips = Nodes.strings(spec, "clusterIPs");
    return ips.size() == 1 && ips.getFirst().equals("None");
  }

  static boolean needsClusterIp(JsonNode spec) {
    return !type(spec).equals("ExternalName");
  }

  static boolean needsNodePorts(JsonNode spec) {
    String type = type(spec);
    return type.equals("NodePort") || type.equals("LoadBalancer")
        && (!Nodes.has(spec, "allocateLoadBalancerNodePorts")
        || Nodes.bool(spec, "allocateLoadBalancerNodePorts"));
  }

  /** LoadBalancer, NodePort, or ClusterIP with external IPs. */
  static boolean externallyAccessible(JsonNode spec) {
    String type = type(spec);
    return type.equals("LoadBalancer") || type.equals("NodePort")
        || type.equals("ClusterIP") && !Nodes.list(spec, "externalIPs").isEmpty();
  }

  static boolean needsHealthCheck(JsonNode spec) {
    return type(spec).equals("LoadBalancer")
        && Nodes.string(spec, "externalTrafficPolicy").equals("Local");
  }
}

package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.resources.fields.Defaulting;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defaults that only a Pod gets, not a pod template ({@code SetDefaults_Pod}): requests copied
 * from limits, {@code enableServiceLinks}, host ports under host networking; and the v1
 * conversion between the singular and plural pod/host IP fields of the status.
 */
public final class PodDefaults {

  private PodDefaults() {}

  public static void apply(ObjectNode pod) {
    ObjectNode spec = Nodes.ensureObject(pod, "spec");
    PodSpecDefaults.apply(spec);
    for (String list : new String[] {"containers", "initContainers"}) {
      for (ObjectNode container : Nodes.objects(spec, list)) {
        copyLimitsToRequests(container);
      }
    }
    Defaulting.nilBool(spec, "enableServiceLinks", true);
    if (Nodes.bool(spec, "hostNetwork")) {
      for (String list : new String[] {"containers", "initContainers"}) {
        for (ObjectNode container : Nodes.objects(spec, list)) {
          for (ObjectNode port : Nodes.objects(container, "ports")) {
            if (Nodes.integer(port, "hostPort") == 0 && Nodes.has(port, "containerPort")) {
              port.set("hostPort", port.get("containerPort").deepCopy());
            }
          }
        }
      }
    }
    Nodes.object(pod, "status").ifPresent(status -> {
      syncIps(status, "podIP", "podIPs");
      syncIps(status, "hostIP", "hostIPs");
    });
  }

  private static void copyLimitsToRequests(ObjectNode container) {
    Nodes.object(container, "resources").ifPresent(resources -> {
      Nodes.object(resources, "limits").ifPresent(limits -> {
        ObjectNode requests = Nodes.ensureObject(resources, "requests");
        for (Map.Entry<String, JsonNode> e : limits.properties()) {
          if (!requests.has(e.getKey())) {
            requests.set(e.getKey(), e.getValue().deepCopy());
          }
        }
      });
    });
  }

  /** The v1 conversion: the singular field is the first of the plural one. */
  private static void syncIps(ObjectNode status, String singular, String plural) {
    String ip = Nodes.string(status, singular);
    java.util.List<ObjectNode> ips = Nodes.objects(status, plural);
    if (ips.isEmpty() && !ip.isEmpty()) {
      ArrayNode list = status.putArray(plural);
      list.addObject().put("ip", ip);
    } else if (!ips.isEmpty() && ip.isEmpty()) {
      status.put(singular, Nodes.string(ips.getFirst(), "ip"));
    }
  }
}

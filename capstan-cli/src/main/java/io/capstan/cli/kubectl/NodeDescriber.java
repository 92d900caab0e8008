package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import io.capstan.apiserver.resources.validation.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * kubectl's {@code NodeDescriber}: roles, taints, lease, conditions, addresses, capacity, system
 * info, the pods running on the node with their requests and limits as shares of what is
 * allocatable, and the totals.
 */
final class NodeDescriber implements Describer {

  private static final String ROLE_PREFIX = "node-role.kubernetes.io/";

  @Override
  public String describe(JsonNode node, DescribeSource source, DescribeContext context) {
    JsonNode meta = node.path("metadata");
    JsonNode spec = node.path("spec");
    JsonNode status = node.path("status");
    String name = text(meta.path("name"));
    DescribeWriter w = new DescribeWriter();
    w.write(0, "Name:\t%s\n", name);
    w.write(0, "Roles:\t%s\n", roles(meta.path("labels")));
    DescribeSections.labels(w, "Labels", meta.path("labels"));
    DescribeSections.annotations(w, "", "Annotations", meta.path("annotations"));
    w.write(0, "CreationTimestamp:\t%s\n", context.time(meta.path("creationTimestamp")));
    DescribeSections.taints(w, "Taints", spec.path("taints"));
    w.write(0, "Unschedulable:\t%s\n", spec.path("unschedulable").asBoolean(false));
    lease(w, context,
        source.get("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/" + name));
    if (!status.path("conditions").isEmpty()) {
      w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason"
          + "\tMessage\n");
      w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
      for (JsonNode c : status.path("conditions")) {
        w.write(1, "%s \t%s \t%s \t%s \t%s \t%s\n", text(c.path("type")),
            text(c.path("status")), context.time(c.path("lastHeartbeatTime")),
            context.time(c.path("lastTransitionTime")), text(c.path("reason")),
            text(c.path("message")));
      }
    }
    w.write(0, "Addresses:\n");
    for (JsonNode a : status.path("addresses")) {
      w.write(1, "%s:\t%s\n", text(a.path("type")), text(a.path("address")));
    }
    resourceList(w, "Capacity", status.path("capacity"));
    resourceList(w, "Allocatable", status.path("allocatable"));
    JsonNode info = status.path("nodeInfo");
    w.write(0, "System Info:\n");
    w.write(0, "  Machine ID:\t%s\n", text(info.path("machineID")));
    w.write(0, "  System UUID:\t%s\n", text(info.path("systemUUID")));
    w.write(0, "  Boot ID:\t%s\n", text(info.path("bootID")));
    w.write(0, "  Kernel Version:\t%s\n", text(info.path("kernelVersion")));
    w.write(0, "  OS Image:\t%s\n", text(info.path("osImage")));
    w.write(0, "  Operating System:\t%s\n", text(info.path("operatingSystem")));
    w.write(0, "  Architecture:\t%s\n", text(info.path("architecture")));
    w.write(0, "  Container Runtime Version:\t%s\n", text(info.path("containerRuntimeVersion")));
    w.write(0, "  Kubelet Version:\t%s\n", text(info.path("kubeletVersion")));
    w.write(0, "  Kube-Proxy Version:\t%s\n", text(info.path("kubeProxyVersion")));
    if (!text(spec.path("podCIDR")).isEmpty()) {
      w.write(0, "PodCIDR:\t%s\n", text(spec.path("podCIDR")));
    }
    if (!spec.path("podCIDRs").isEmpty()) {
      List<String> cidrs = new java.util.ArrayList<>();
      spec.path("podCIDRs").forEach(c -> cidrs.add(text(c)));
      w.write(0, "PodCIDRs:\t%s\n", String.join(",", cidrs));
    }
    if (!text(spec.path("providerID")).isEmpty()) {
      w.write(0, "ProviderID:\t%s\n", text(spec.path("providerID")));
    }
    List<JsonNode> pods = source.list(DescribeSource.withFields("/api/v1/pods",
        "spec.nodeName=" + name + ",status.phase!=Succeeded,status.phase!=Failed")).stream()
        .filter(p -> text(p.path("spec").path("nodeName")).equals(name))
        .filter(p -> !List.of("Succeeded", "Failed")
            .contains(text(p.path("status").path("phase"))))
        .toList();
    NodePodsSection.write(w, node, pods, context);
    EventsSection.write(w, EventQuery.aboutNode(node, source), context);
    return w.render();
  }

  private static String roles(JsonNode labels) {
    TreeSet<String> roles = new TreeSet<>();
    labels.properties().forEach(e -> {
      if (e.getKey().startsWith(ROLE_PREFIX) && e.getKey().length() > ROLE_PREFIX.length()) {
        roles.add(e.getKey().substring(ROLE_PREFIX.length()));
      } else if (e.getKey().equals("kubernetes.io/role") && !text(e.getValue()).isEmpty()) {
        roles.add(text(e.getValue()));
      }
    });
    return roles.isEmpty() ? "<none>" : String.join(",", roles);
  }

  private static void lease(DescribeWriter w, DescribeContext context, Optional<JsonNode> lease) {
    JsonNode spec = lease.map(l -> l.path("spec")).orElse(null);
    w.write(0, "Lease:\n");
    w.write(1, "HolderIdentity:\t%s\n", spec == null || text(spec.path("holderIdentity"))
        .isEmpty() ? "<unset>" : text(spec.path("holderIdentity")));
    w.write(1, "AcquireTime:\t%s\n", spec == null || text(spec.path("acquireTime")).isEmpty()
        ? "<unset>" : context.time(spec.path("acquireTime")));
    w.write(1, "RenewTime:\t%s\n", spec == null || text(spec.path("renewTime")).isEmpty()
        ? "<unset>" : context.time(spec.path("renewTime")));
  }

  private static void resourceList(DescribeWriter w, String title, JsonNode list) {
    if (list.isEmpty()) {
      return;
    }
    w.write(0, "%s:\n", title);
    TreeMap<String, String> sorted = new TreeMap<>();
    list.properties().forEach(e -> sorted.put(e.getKey(), Quantities.canonical(e.getValue())));
    sorted.forEach((k, v) -> w.write(0, "  %s:\t%s\n", k, v));
  }

  /** {@code int64(float64(part) / float64(whole) * 100)}, 0 when nothing is allocatable. */
  static long percent(Quantity part, Quantity whole, boolean milli) {
    BigDecimal w = milli ? whole.value().movePointRight(3).setScale(0, RoundingMode.UP)
        : whole.value().setScale(0, RoundingMode.UP);
    BigDecimal p = milli ? part.value().movePointRight(3).setScale(0, RoundingMode.UP)
        : part.value().setScale(0, RoundingMode.UP);
    if (w.signum() == 0) {
      return 0;
    }
    return (long) (p.doubleValue() / w.doubleValue() * 100);
  }
}

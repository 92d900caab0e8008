package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import io.capstan.apiserver.resources.validation.Quantity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code describeNodeResource}: the node's non-terminated pods with their CPU and memory
 * requests and limits (and their share of the allocatable amounts), then the totals.
 */
final class NodePodsSection {

  private NodePodsSection() {}

  static void write(DescribeWriter w, JsonNode node, List<JsonNode> pods,
      DescribeContext context) {
    JsonNode allocatable = node.path("status").path("allocatable").isEmpty()
        ? node.path("status").path("capacity") : node.path("status").path("allocatable");
    Quantity cpu = Quantities.parse(allocatable.path("cpu"));
    Quantity memory = Quantities.parse(allocatable.path("memory"));
    Quantity storage = Quantities.parse(allocatable.path("ephemeral-storage"));
    w.write(0, "Non-terminated Pods:\t(%d in total)\n", pods.size());
    w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits"
        + "\tAge\n");
    w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------"
        + "\t---\n");
    Map<String, Quantity> totalRequests = new HashMap<>();
    Map<String, Quantity> totalLimits = new HashMap<>();
    for (JsonNode pod : pods) {
      Map<String, Quantity> requests = podTotals(pod, "requests");
      Map<String, Quantity> limits = podTotals(pod, "limits");
      requests.forEach((k, v) -> totalRequests.merge(k, v, Quantities::add));
      limits.forEach((k, v) -> totalLimits.merge(k, v, Quantities::add));
      w.write(1, "%s\t%s\t\t%s\t%s\t%s\t%s\t%s\n", text(pod.path("metadata").path("namespace")),
          text(pod.path("metadata").path("name")),
          share(requests, "cpu", cpu, true), share(limits, "cpu", cpu, true),
          share(requests, "memory", memory, false), share(limits, "memory", memory, false),
          context.age(pod.path("metadata").path("creationTimestamp")));
    }
    w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., "
        + "overcommitted.)\n");
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    w.write(1, "%s\t%s\t%s\n", "cpu", share(totalRequests, "cpu", cpu, true),
        share(totalLimits, "cpu", cpu, true));
    w.write(1, "%s\t%s\t%s\n", "memory", share(totalRequests, "memory", memory, false),
        share(totalLimits, "memory", memory, false));
    w.write(1, "%s\t%s\t%s\n", "ephemeral-storage",
        share(totalRequests, "ephemeral-storage", storage, false),
        share(totalLimits, "ephemeral-storage", storage, false));
  }

  private static String share(Map<String, Quantity> amounts, String resource, Quantity whole,
      boolean milli) {
    Quantity q = amounts.getOrDefault(resource, Quantities.ZERO);
    return q.canonical() + " (" + NodeDescriber.percent(q, whole, milli) + "%)";
  }

  /**
   * {@code PodRequestsAndLimits}: the containers' sum, raised to any init container's amount,
   * plus the pod's overhead.
   */
  static Map<String, Quantity> podTotals(JsonNode pod, String which) {
    Map<String, Quantity> sum = new HashMap<>();
    for (JsonNode c : pod.path("spec").path("containers")) {
      c.path("resources").path(which).properties()
          .forEach(e -> sum.merge(e.getKey(), Quantities.parse(e.getValue()), Quantities::add));
    }
    for (JsonNode c : pod.path("spec").path("initContainers")) {
      c.path("resources").path(which).properties().forEach(e -> {
        Quantity q = Quantities.parse(e.getValue());
        sum.merge(e.getKey(), q, (a, b) -> a.compareTo(b) >= 0 ? a : b);
      });
    }
    pod.path("spec").path("overhead").properties()
        .forEach(e -> sum.merge(e.getKey(), Quantities.parse(e.getValue()), Quantities::add));
    return sum;
  }
}

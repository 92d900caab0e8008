package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.Quantity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pod's quality-of-service class ({@code qos.ComputePodQOS}), from the cpu and memory
 * requests and limits of all regular and init containers.
 *
 * <p>Guaranteed when every container limits both cpu and memory and the summed requests equal the
 * summed limits; BestEffort when nothing positive is requested or limited; Burstable otherwise.
 */
public final class QosClass {

  private static final Set<String> COMPUTE = Set.of("cpu", "memory");

  private QosClass() {}

  public static String compute(JsonNode spec) {
    Map<String, Quantity> requests = new HashMap<>();
    Map<String, Quantity> limits = new HashMap<>();
    boolean guaranteed = true;
    List<ObjectNode> all = new java.util.ArrayList<>(Nodes.objects(spec, "containers"));
    all.addAll(Nodes.objects(spec, "initContainers"));
    for (ObjectNode container : all) {
      ObjectNode resources = Nodes.objectOrEmpty(container, "resources");
      add(Nodes.objectOrEmpty(resources, "requests"), requests);
      Set<String> found = add(Nodes.objectOrEmpty(resources, "limits"), limits);
      if (!found.containsAll(COMPUTE)) {
        guaranteed = false;
      }
    }
    if (requests.isEmpty() && limits.isEmpty()) {
      return "BestEffort";
    }
    if (guaranteed) {
      for (Map.Entry<String, Quantity> e : requests.entrySet()) {
        Quantity limit = limits.get(e.getKey());
        if (limit == null || !limit.sameValue(e.getValue())) {
          guaranteed = false;
          break;
        }
      }
    }
    return guaranteed && requests.size() == limits.size() ? "Guaranteed" : "Burstable";
  }

  /** Sums the positive cpu and memory quantities into {@code totals}; returns the names seen. */
  private static Set<String> add(ObjectNode list, Map<String, Quantity> totals) {
    Set<String> found = new HashSet<>();
    for (String name : COMPUTE) {
      Optional<Quantity> q = Nodes.optString(list, name).flatMap(Quantity::parse)
          .filter(v -> v.value().signum() > 0);
      if (q.isPresent()) {
        found.add(name);
        totals.merge(name, q.get(), Quantity::plus);
      }
    }
    return found;
  }
}

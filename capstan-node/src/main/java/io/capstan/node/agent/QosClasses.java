package io.capstan.node.agent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod's QoS class, for the rare pod whose status lacks it: BestEffort without any request or
 * limit, Guaranteed when every container limits cpu and memory and requests what it limits,
 * Burstable otherwise.
 */
final class QosClasses {

  private QosClasses() {}

  static String of(PodSpec spec) {
    List<Container> all = new ArrayList<>(spec.getContainers());
    if (spec.getInitContainers() != null) {
      all.addAll(spec.getInitContainers());
    }
    boolean any = false;
    boolean guaranteed = true;
    for (Container container : all) {
      ResourceRequirements resources = container.getResources();
      Map<String, Quantity> requests = resources == null || resources.getRequests() == null
          ? Map.of() : resources.getRequests();
      Map<String, Quantity> limits = resources == null || resources.getLimits() == null
          ? Map.of() : resources.getLimits();
      any |= !requests.isEmpty() || !limits.isEmpty();
      for (String resource : List.of("cpu", "memory")) {
        Quantity limit = limits.get(resource);
        Quantity request = requests.getOrDefault(resource, limit);
        if (limit == null || request == null
            || request.getNumericalAmount().compareTo(limit.getNumericalAmount()) != 0) {
          guaranteed = false;
        }
      }
    }
    return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
  }
}

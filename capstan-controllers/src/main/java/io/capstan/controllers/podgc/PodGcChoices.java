package io.capstan.controllers.podgc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/** Which pods the pod garbage collector deletes, as pure functions of the cached objects. */
final class PodGcChoices {

  /** The taint an administrator puts on a Node known to be shut down. */
  static final String OUT_OF_SERVICE_TAINT = "node.kubernetes.io/out-of-service";

  private PodGcChoices() {}

  /**
   * {@code gcTerminated}: the terminated pods (Succeeded or Failed) beyond {@code threshold},
   * evicted ones first, then the oldest; none when the threshold is 0 or not reached.
   */
  static List<Pod> terminatedOverThreshold(Collection<Pod> pods, int threshold) {
    if (threshold <= 0) {
      return List.of();
    }
    List<Pod> terminated = pods.stream().filter(PodGcChoices::isTerminated).toList();
    int excess = terminated.size() - threshold;
    if (excess <= 0) {
      return List.of();
    }
    return terminated.stream()
        .sorted(Comparator.comparing((Pod p) -> !"Evicted".equals(status(p, "reason")))
            .thenComparing(p -> nullToEmpty(p.getMetadata().getCreationTimestamp())))
        .limit(excess)
        .toList();
  }

  /** Node names that pods are bound to but that {@code nodeExists} does not know, sorted. */
  static Set<String> missingNodes(Collection<Pod> pods, Predicate<String> nodeExists) {
    Set<String> missing = new TreeSet<>();
    for (Pod pod : pods) {
      String node = nodeName(pod);
      if (!node.isEmpty() && !nodeExists.test(node)) {
        missing.add(node);
      }
    }
    return missing;
  }

  /** The pods bound to any of {@code nodes}. */
  static List<Pod> boundTo(Collection<Pod> pods, Set<String> nodes) {
    return pods.stream().filter(p -> nodes.contains(nodeName(p))).toList();
  }

  /**
   * {@code gcTerminating}: pods being deleted on a Node that is not Ready and carries the
   * out-of-service taint, whose kubelet will never confirm them gone.
   */
  static List<Pod> terminatingOutOfService(Collection<Pod> pods, Function<String, Node> nodes) {
    return pods.stream().filter(p -> isTerminating(p) && !nodeName(p).isEmpty())
        .filter(p -> {
          Node node = nodes.apply(nodeName(p));
          return node != null && !isReady(node) && hasOutOfServiceTaint(node);
        })
        .toList();
  }

  /** {@code gcUnscheduledTerminating}: pods being deleted that no Node will ever run. */
  static List<Pod> unscheduledTerminating(Collection<Pod> pods) {
    return pods.stream().filter(p -> isTerminating(p) && nodeName(p).isEmpty()).toList();
  }

  static boolean isTerminated(Pod pod) {
    String phase = status(pod, "phase");
    return phase.equals("Succeeded") || phase.equals("Failed");
  }

  private static boolean isTerminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  private static boolean isReady(Node node) {
    List<NodeCondition> conditions = node.getStatus() == null
        || node.getStatus().getConditions() == null ? List.of()
        : node.getStatus().getConditions();
    return conditions.stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean hasOutOfServiceTaint(Node node) {
    List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null
        ? List.of() : node.getSpec().getTaints();
    return taints.stream().anyMatch(t -> OUT_OF_SERVICE_TAINT.equals(t.getKey())
        && "NoExecute".equals(t.getEffect()));
  }

  static String nodeName(Pod pod) {
    return pod.getSpec() == null ? "" : nullToEmpty(pod.getSpec().getNodeName());
  }

  private static String status(Pod pod, String field) {
    if (pod.getStatus() == null) {
      return "";
    }
    return nullToEmpty(field.equals("phase") ? pod.getStatus().getPhase()
        : pod.getStatus().getReason());
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}

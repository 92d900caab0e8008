package io.capstan.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pod status changes the node lifecycle controller makes. */
final class PodNotReady {

  private PodNotReady() {}

  /**
   * {@code MarkPodsNotReady}: a Ready=True condition becomes False (transition time {@code now},
   * reason and message kept), since nobody can vouch for a pod on an unreachable node. Empty when
   * the pod is not Ready=True.
   */
  static Optional<PodStatus> markNotReady(Pod pod, Instant now) {
    List<PodCondition> conditions = conditions(pod);
    boolean ready = conditions.stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    if (!ready) {
      return Optional.empty();
    }
    List<PodCondition> updated = conditions.stream()
        .map(c -> !"Ready".equals(c.getType()) ? c : new PodConditionBuilder(c)
            .withStatus("False").withLastTransitionTime(Times.format(now)).build())
        .toList();
    return Optional.of(new PodStatusBuilder(pod.getStatus()).withConditions(updated).build());
  }

  /**
   * The {@code DisruptionTarget} condition taint-based eviction adds before deleting a pod
   * (reason {@code DeletionByTaintManager}); empty when the pod has it already.
   */
  static Optional<PodStatus> disruptionTarget(Pod pod, Instant now) {
    List<PodCondition> conditions = new ArrayList<>(conditions(pod));
    if (conditions.stream().anyMatch(c -> "DisruptionTarget".equals(c.getType())
        && "True".equals(c.getStatus()))) {
      return Optional.empty();
    }
    conditions.removeIf(c -> "DisruptionTarget".equals(c.getType()));
    conditions.add(new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
        .withReason("DeletionByTaintManager")
        .withMessage("Taint manager: deleting due to NoExecute taint")
        .withLastTransitionTime(Times.format(now)).build());
    PodStatusBuilder status = pod.getStatus() == null ? new PodStatusBuilder()
        : new PodStatusBuilder(pod.getStatus());
    return Optional.of(status.withConditions(conditions).build());
  }

  private static List<PodCondition> conditions(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getConditions() == null ? List.of()
        : pod.getStatus().getConditions();
  }
}

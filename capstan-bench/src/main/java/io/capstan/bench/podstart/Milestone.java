package io.capstan.bench.podstart;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.function.Predicate;

/**
 * The stages of a pod's start a watch can see, in order: bound to a node, its container running,
 * Ready. Splitting create → Ready this way shows whether the scheduler, the agent starting the
 * process or the probe and status write take the time.
 */
enum Milestone {
  SCHEDULED("scheduled", pod -> pod.getSpec() != null && pod.getSpec().getNodeName() != null),
  STARTED("container running", pod -> pod.getStatus() != null
      && pod.getStatus().getContainerStatuses() != null
      && !pod.getStatus().getContainerStatuses().isEmpty()
      && pod.getStatus().getContainerStatuses().stream().allMatch(Milestone::running)),
  READY("Ready", pod -> pod.getStatus() != null && pod.getStatus().getConditions() != null
      && pod.getStatus().getConditions().stream().anyMatch(Milestone::readyTrue));

  final String label;
  private final Predicate<Pod> reached;

  Milestone(String label, Predicate<Pod> reached) {
    this.label = label;
    this.reached = reached;
  }

  boolean reachedBy(Pod pod) {
    return reached.test(pod);
  }

  static final List<Milestone> ALL = List.of(values());

  private static boolean running(ContainerStatus status) {
    return status.getState() != null && status.getState().getRunning() != null;
  }

  private static boolean readyTrue(PodCondition condition) {
    return "Ready".equals(condition.getType()) && "True".equals(condition.getStatus());
  }
}

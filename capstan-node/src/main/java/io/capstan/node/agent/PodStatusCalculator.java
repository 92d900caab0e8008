package io.capstan.node.agent;

import io.capstan.node.kubelet.Timestamps;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Derives the full pod status the kubelet reports from a {@link PodView}: phase, the five
 * conditions, addresses, start time, QoS class, and every container's state. Conditions keep
 * their {@code lastTransitionTime} while their status does not change, so computing the status
 * twice from the same view gives the same object and the agent writes nothing the second time.
 */
final class PodStatusCalculator {

  private PodStatusCalculator() {}

  static PodStatus compute(Pod pod, PodView view, List<PodCondition> previous, Instant now) {
    String policy = pod.getSpec().getRestartPolicy();
    String phase = PodPhases.phase(policy, view.initContainers(), view.containers());
    boolean initialized = view.initContainers().stream().allMatch(ContainerView::succeeded);
    List<String> unready = view.containers().stream().filter(c -> !c.ready())
        .map(ContainerView::name).toList();
    List<String> incomplete = view.initContainers().stream().filter(c -> !c.succeeded())
        .map(ContainerView::name).toList();
    boolean completed = phase.equals("Succeeded");
    boolean containersReady = unready.isEmpty() && !completed;
    String notReadyReason = completed ? "PodCompleted" : "ContainersNotReady";
    String notReadyMessage = completed ? null
        : "containers with unready status: [" + String.join(" ", unready) + "]";
    List<PodCondition> conditions = List.of(
        condition("PodReadyToStartContainers", view.sandboxReady(), null, null, previous, now),
        condition("Initialized", initialized, completed ? "PodCompleted"
            : "ContainersNotInitialized", completed ? null
            : "containers with incomplete status: [" + String.join(" ", incomplete) + "]",
            previous, now),
        condition("Ready", containersReady, notReadyReason, notReadyMessage, previous, now),
        condition("ContainersReady", containersReady, notReadyReason, notReadyMessage,
            previous, now),
        condition("PodScheduled", true, null, null, previous, now));
    String qos = pod.getStatus() != null && pod.getStatus().getQosClass() != null
        ? pod.getStatus().getQosClass() : QosClasses.of(pod.getSpec());
    var builder = new PodStatusBuilder()
        .withPhase(phase)
        .withConditions(conditions)
        .withHostIP(view.hostIp())
        .addNewHostIP(view.hostIp());
    // A runtime-assigned address is unknown until the sandbox exists.
    if (!view.podIp().isEmpty()) {
      builder.withPodIP(view.podIp()).addNewPodIP(view.podIp());
    }
    return builder
        .withStartTime(Timestamps.seconds(view.startTime()))
        .withQosClass(qos)
        .withInitContainerStatuses(statuses(view.initContainers()))
        .withContainerStatuses(statuses(view.containers()))
        .build();
  }

  private static PodCondition condition(String type, boolean status, String reason,
      String message, List<PodCondition> previous, Instant now) {
    String value = status ? "True" : "False";
    Optional<PodCondition> before = previous.stream().filter(c -> type.equals(c.getType()))
        .findFirst();
    String since = before.filter(c -> value.equals(c.getStatus()))
        .map(PodCondition::getLastTransitionTime).orElse(Timestamps.seconds(now));
    PodConditionBuilder builder = new PodConditionBuilder().withType(type).withStatus(value)
        .withLastTransitionTime(since).withLastProbeTime(null);
    if (!status) {
      builder.withReason(reason).withMessage(message);
    }
    return builder.build();
  }

  private static List<ContainerStatus> statuses(List<ContainerView> views) {
    List<ContainerStatus> statuses = new ArrayList<>();
    for (ContainerView view : views) {
      ContainerStatusBuilder builder = new ContainerStatusBuilder()
          .withName(view.name())
          .withImage(view.image())
          .withImageID(view.imageId())
          .withRestartCount(view.restartCount())
          .withReady(view.ready())
          .withStarted(view.started())
          .withState(state(view.state()));
      view.containerId().ifPresent(builder::withContainerID);
      builder.withLastState(view.lastState().map(PodStatusCalculator::state)
          .orElseGet(ContainerState::new));
      statuses.add(builder.build());
    }
    return statuses;
  }

  static ContainerState state(RunState state) {
    return switch (state) {
      case RunState.Waiting w -> new ContainerStateBuilder().withNewWaiting()
          .withReason(w.reason()).withMessage(w.message().orElse(null)).endWaiting().build();
      case RunState.Running r -> new ContainerStateBuilder().withNewRunning()
          .withStartedAt(Timestamps.seconds(r.startedAt())).endRunning().build();
      case RunState.Terminated t -> new ContainerStateBuilder().withNewTerminated()
          .withExitCode(t.exitCode()).withReason(t.reason())
          .withMessage(t.message().orElse(null))
          .withStartedAt(Timestamps.seconds(t.startedAt()))
          .withFinishedAt(Timestamps.seconds(t.finishedAt()))
          .withContainerID(t.containerId().orElse(null)).endTerminated().build();
    };
  }
}

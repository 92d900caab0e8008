package io.capstan.node.simulated;

import io.capstan.node.kubelet.Timestamps;
import io.fabric8.kubernetes.api.model.Container;
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

/** Derives the full pod status a kubelet would report from a {@link PodRun}. */
final class PodStatuses {

  private PodStatuses() {}

  static PodStatus of(Pod pod, PodRun run) {
    boolean ready = run.stage() == PodStage.READY;
    String phase = switch (run.stage()) {
      case START_FAILED, STARTING -> "Pending";
      case FAILED -> "Failed";
      default -> "Running";
    };
    List<ContainerStatus> containers = new ArrayList<>();
    for (Container container : pod.getSpec().getContainers()) {
      containers.add(container(pod, container, run));
    }
    return new PodStatusBuilder()
        .withPhase(phase)
        .withHostIP(run.hostIp())
        .addNewHostIP(run.hostIp())
        .withPodIP(run.podIp())
        .addNewPodIP(run.podIp())
        .withStartTime(Timestamps.seconds(run.startTime()))
        .withQosClass(pod.getStatus() == null ? null : pod.getStatus().getQosClass())
        .withConditions(
            condition("PodReadyToStartContainers", true, run.startTime()),
            condition("Initialized", true, run.startTime()),
            condition("Ready", ready, run.readyChanged()),
            condition("ContainersReady", ready, run.readyChanged()),
            condition("PodScheduled", true, run.startTime()))
        .withContainerStatuses(containers)
        .build();
  }

  private static PodCondition condition(String type, boolean status, Instant since) {
    PodConditionBuilder builder = new PodConditionBuilder().withType(type)
        .withStatus(status ? "True" : "False")
        .withLastTransitionTime(Timestamps.seconds(since));
    if (!status) {
      builder.withReason("ContainersNotReady")
          .withMessage("containers with unready status");
    }
    return builder.build();
  }

  private static ContainerStatus container(Pod pod, Container container, PodRun run) {
    String image = container.getImage();
    ContainerStatusBuilder builder = new ContainerStatusBuilder()
        .withName(container.getName())
        .withImage(image)
        .withImageID("simulated://" + image)
        .withRestartCount(run.restartCount())
        .withReady(run.stage() == PodStage.READY)
        .withStarted(run.stage() == PodStage.RUNNING || run.stage() == PodStage.READY)
        .withState(state(pod, container, run));
    if (run.stage() != PodStage.START_FAILED) {
      builder.withContainerID("simulated://" + pod.getMetadata().getUid() + "/"
          + container.getName() + "/" + run.restartCount());
    }
    run.lastExit().filter(exit -> run.stage() != PodStage.FAILED).ifPresent(exit ->
        builder.withLastState(terminated(exit)));
    return builder.build();
  }

  private static ContainerState state(Pod pod, Container container, PodRun run) {
    return switch (run.stage()) {
      case START_FAILED, STARTING -> new ContainerStateBuilder().withNewWaiting()
          .withReason(run.waitingReason())
          .withMessage("simulated start failure: " + run.waitingReason()).endWaiting().build();
      case BACK_OFF -> new ContainerStateBuilder().withNewWaiting()
          .withReason("CrashLoopBackOff")
          .withMessage("back-off " + run.backOff().toSeconds() + "s restarting failed container="
              + container.getName() + " pod=" + pod.getMetadata().getName() + "_"
              + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")")
          .endWaiting().build();
      case FAILED -> terminated(run.lastExit().orElseThrow());
      default -> new ContainerStateBuilder().withNewRunning()
          .withStartedAt(Timestamps.seconds(run.containersStarted())).endRunning().build();
    };
  }

  private static ContainerState terminated(PodRun.Exit exit) {
    return new ContainerStateBuilder().withNewTerminated().withExitCode(1).withReason("Error")
        .withStartedAt(Timestamps.seconds(exit.started()))
        .withFinishedAt(Timestamps.seconds(exit.finished())).endTerminated().build();
  }
}

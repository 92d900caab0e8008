package io.capstan.node.agent;

import io.capstan.node.kubelet.Timestamps;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PodStatusCalculatorTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = T0.plusSeconds(30);

  static ContainerView running(String name, boolean ready) {
    return new ContainerView(name, "busybox", "busybox", Optional.of("process://" + name), 0,
        new RunState.Running(T0), Optional.empty(), ready, true);
  }

  static ContainerView waiting(String name, String reason) {
    return new ContainerView(name, "busybox", "", Optional.empty(), 0,
        RunState.Waiting.of(reason), Optional.empty(), false, false);
  }

  static ContainerView exited(String name, int code) {
    return new ContainerView(name, "busybox", "busybox", Optional.of("process://" + name), 0,
        exit(code), Optional.empty(), false, false);
  }

  static ContainerView backingOff(String name) {
    return new ContainerView(name, "busybox", "busybox", Optional.of("process://" + name), 2,
        RunState.Waiting.of("CrashLoopBackOff", "back-off 20s"), Optional.of(exit(1)), false,
        false);
  }

  static RunState.Terminated exit(int code) {
    return new RunState.Terminated(code, code == 0 ? "Completed" : "Error", Optional.empty(),
        T0, T1, Optional.of("process://x"));
  }

  record Case(String name, String policy, List<ContainerView> init,
      List<ContainerView> containers, String phase, Map<String, String> conditions) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Map<String, String> conditions(boolean initialized, boolean ready) {
    return Map.of("PodScheduled", "True", "PodReadyToStartContainers", "True",
        "Initialized", initialized ? "True" : "False", "ContainersReady",
        ready ? "True" : "False", "Ready", ready ? "True" : "False");
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("creating", "Always", List.of(), List.of(waiting("app", "ContainerCreating")),
            "Pending", conditions(true, false)),
        new Case("running not ready", "Always", List.of(), List.of(running("app", false)),
            "Running", conditions(true, false)),
        new Case("running and ready", "Always", List.of(), List.of(running("app", true)),
            "Running", conditions(true, true)),
        new Case("one of two waiting on config", "Always", List.of(),
            List.of(running("a", true), waiting("b", "CreateContainerConfigError")),
            "Pending", conditions(true, false)),
        new Case("crash loop is running", "Always", List.of(), List.of(backingOff("app")),
            "Running", conditions(true, false)),
        new Case("init running", "Always", List.of(running("init", false)),
            List.of(waiting("app", "PodInitializing")), "Pending", conditions(false, false)),
        new Case("init failed under Never", "Never", List.of(exited("init", 1)),
            List.of(waiting("app", "PodInitializing")), "Failed", conditions(false, false)),
        new Case("init failed under OnFailure", "OnFailure", List.of(backingOff("init")),
            List.of(waiting("app", "PodInitializing")), "Pending", conditions(false, false)),
        new Case("all succeeded under Never", "Never", List.of(exited("init", 0)),
            List.of(exited("a", 0), exited("b", 0)), "Succeeded", conditions(true, false)),
        new Case("one failed under Never", "Never", List.of(),
            List.of(exited("a", 0), exited("b", 2)), "Failed", conditions(true, false)),
        new Case("one restarting under OnFailure", "OnFailure", List.of(),
            List.of(exited("a", 0), backingOff("b")), "Running", conditions(true, false)),
        new Case("exited under Always restarts", "Always", List.of(),
            List.of(exited("a", 0)), "Running", conditions(true, false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void computesPhaseAndConditions(Case c) {
    PodStatus status = compute(c, List.of(), T1);
    assertThat(status.getPhase()).isEqualTo(c.phase());
    assertThat(status.getConditions().stream().collect(Collectors.toMap(PodCondition::getType,
        PodCondition::getStatus))).isEqualTo(c.conditions());
    assertThat(status.getContainerStatuses()).hasSize(c.containers().size());
    assertThat(status.getInitContainerStatuses()).hasSize(c.init().size());
    assertThat(status.getPodIP()).isEqualTo("127.1.0.2");
    assertThat(status.getHostIPs()).singleElement().satisfies(ip ->
        assertThat(ip.getIp()).isEqualTo("127.0.0.1"));
  }

  @Test
  void computingAgainKeepsTransitionTimesSoNothingChanges() {
    Case c = cases().filter(x -> x.name().equals("running not ready")).findFirst().orElseThrow();
    PodStatus first = compute(c, List.of(), T0);
    PodStatus second = compute(c, first.getConditions(), T1);
    assertThat(second).isEqualTo(first);

    Case ready = cases().filter(x -> x.name().equals("running and ready")).findFirst()
        .orElseThrow();
    PodStatus third = compute(ready, second.getConditions(), T1);
    assertThat(transition(third, "Ready")).isEqualTo(Timestamps.seconds(T1));
    assertThat(transition(third, "PodScheduled")).isEqualTo(Timestamps.seconds(T0));
  }

  @Test
  void describesUnreadyContainersAndCompletedPods() {
    Case c = cases().filter(x -> x.name().equals("one of two waiting on config")).findFirst()
        .orElseThrow();
    PodCondition ready = condition(compute(c, List.of(), T0), "Ready");
    assertThat(ready.getReason()).isEqualTo("ContainersNotReady");
    assertThat(ready.getMessage()).isEqualTo("containers with unready status: [b]");

    Case done = cases().filter(x -> x.name().equals("all succeeded under Never")).findFirst()
        .orElseThrow();
    assertThat(condition(compute(done, List.of(), T0), "Ready").getReason())
        .isEqualTo("PodCompleted");
  }

  @Test
  void showsACrashLoopWithItsLastTermination() {
    Case c = cases().filter(x -> x.name().equals("crash loop is running")).findFirst()
        .orElseThrow();
    var status = compute(c, List.of(), T0).getContainerStatuses().getFirst();
    assertThat(status.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(status.getLastState().getTerminated().getFinishedAt())
        .isEqualTo(Timestamps.seconds(T1));
    assertThat(status.getRestartCount()).isEqualTo(2);
  }

  private static PodStatus compute(Case c, List<PodCondition> previous, Instant now) {
    PodBuilder builder = new PodBuilder().withNewMetadata().withName("p").endMetadata()
        .withNewSpec().withRestartPolicy(c.policy()).endSpec();
    for (ContainerView view : c.init()) {
      builder.editSpec().addNewInitContainer().withName(view.name()).endInitContainer()
          .endSpec();
    }
    for (ContainerView view : c.containers()) {
      builder.editSpec().addNewContainer().withName(view.name()).endContainer().endSpec();
    }
    Pod pod = builder.build();
    PodView view = new PodView("127.1.0.2", "127.0.0.1", T0, true, c.init(), c.containers());
    return PodStatusCalculator.compute(pod, view, previous, now);
  }

  private static PodCondition condition(PodStatus status, String type) {
    return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
        .orElseThrow();
  }

  private static String transition(PodStatus status, String type) {
    return condition(status, type).getLastTransitionTime();
  }
}

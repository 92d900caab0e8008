package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent on the process runtime: registration, a pod's run, restarts, completion. */
class AgentPodLifecycleTest {

  @TempDir
  Path temp;

  private AgentFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new AgentFixture(temp);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void registersTheNodeAndRenewsItsLease() {
    Node node = fixture.client.nodes().withName(AgentFixture.NODE).get();
    assertThat(node.getStatus().getConditions().stream().collect(Collectors.toMap(
        NodeCondition::getType, NodeCondition::getStatus))).containsExactlyInAnyOrderEntriesOf(
        Map.of("Ready", "True", "MemoryPressure", "False", "DiskPressure", "False",
            "PIDPressure", "False"));
    assertThat(node.getStatus().getAddresses()).anySatisfy(address -> {
      assertThat(address.getType()).isEqualTo("InternalIP");
      assertThat(address.getAddress()).isEqualTo("127.0.0.1");
    });
    assertThat(node.getStatus().getCapacity()).containsKeys("cpu", "memory", "pods",
        "ephemeral-storage");
    assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion())
        .startsWith("process://");
    assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.32.0+capstan");
    assertThat(node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort())
        .isEqualTo(fixture.agent.endpointPort()).isPositive();
    Instant first = renewTime();
    await().atMost(Duration.ofSeconds(5)).until(() -> renewTime().isAfter(first));
  }

  private Instant renewTime() {
    return fixture.client.leases().inNamespace("kube-node-lease").withName(AgentFixture.NODE)
        .get().getSpec().getRenewTime().toInstant();
  }

  @Test
  void runsAPodToRunningAndReady() {
    fixture.createPod("web", "Always", "echo hello; sleep 60");

    await().atMost(Duration.ofSeconds(10)).until(() -> "Running".equals(phase("web"))
        && condition("web", "Ready"));
    Pod pod = fixture.pod("web");
    assertThat(pod.getStatus().getPodIP()).startsWith("127.1.");
    assertThat(pod.getStatus().getHostIP()).isEqualTo("127.0.0.1");
    assertThat(pod.getStatus().getQosClass()).isEqualTo("BestEffort");
    ContainerStatus app = pod.getStatus().getContainerStatuses().getFirst();
    assertThat(app.getContainerID()).startsWith("process://");
    assertThat(app.getState().getRunning()).isNotNull();
    assertThat(app.getReady()).isTrue();
    assertThat(app.getStarted()).isTrue();
    assertThat(fixture.markedProcesses()).isPositive();
    Path log = temp.resolve("logs/pods/default_web_" + pod.getMetadata().getUid()
        + "/app/0.log");
    await().atMost(Duration.ofSeconds(5)).until(() -> log.toFile().exists()
        && java.nio.file.Files.readString(log).contains("stdout F hello"));
  }

  @Test
  void putsItsReadyConditionBackWhenSomeoneElseSetItFalse() {
    fixture.createPod("back", "Always", "sleep 60");
    await().atMost(Duration.ofSeconds(10)).until(() -> condition("back", "Ready"));
    // What the node lifecycle controller does while it cannot hear from the node.
    Pod pod = fixture.pod("back");
    pod.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready"))
        .forEach(c -> c.setStatus("False"));
    fixture.client.pods().inNamespace("default").resource(pod).updateStatus();

    await().atMost(Duration.ofSeconds(10)).until(() -> condition("back", "Ready"));
  }

  @Test
  void restartsAnExitedContainerWithCrashLoopBackOff() {
    fixture.createPod("crash", "Always", "echo boom; exit 3");

    await().atMost(Duration.ofSeconds(15)).until(() -> {
      ContainerStatus status = container("crash");
      return status != null && status.getRestartCount() >= 2
          && status.getState().getWaiting() != null
          && "CrashLoopBackOff".equals(status.getState().getWaiting().getReason());
    });
    ContainerStatus status = container("crash");
    Pod pod = fixture.pod("crash");
    assertThat(status.getState().getWaiting().getMessage()).matches(
        "back-off \\d+s restarting failed container=app pod=crash_default\\("
            + pod.getMetadata().getUid() + "\\)");
    assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(3);
    assertThat(status.getLastState().getTerminated().getReason()).isEqualTo("Error");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
  }

  @Test
  void completesAPodWithInitContainersAndLeavesNoProcess() {
    Pod pod = fixture.podBuilder("job", "Never", "echo main").editSpec()
        .addNewInitContainer().withName("init").withImage("busybox")
        .withCommand(fixture.shell("echo init")).endInitContainer().endSpec().build();
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(pod).create();

    await().atMost(Duration.ofSeconds(10)).until(() -> "Succeeded".equals(phase("job")));
    Pod done = fixture.pod("job");
    assertThat(done.getStatus().getInitContainerStatuses().getFirst().getState()
        .getTerminated().getReason()).isEqualTo("Completed");
    assertThat(done.getStatus().getContainerStatuses().getFirst().getState().getTerminated()
        .getExitCode()).isZero();
    assertThat(done.getStatus().getConditions()).anySatisfy(condition -> {
      assertThat(condition.getType()).isEqualTo("Ready");
      assertThat(condition.getReason()).isEqualTo("PodCompleted");
    });
    assertThat(fixture.markedProcesses()).isZero();
  }

  @Test
  void failsAPodWhoseInitContainerFailsUnderNever() {
    Pod pod = fixture.podBuilder("broken", "Never", "echo never runs").editSpec()
        .addNewInitContainer().withName("init").withImage("busybox")
        .withCommand(fixture.shell("exit 1")).endInitContainer().endSpec().build();
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(pod).create();

    await().atMost(Duration.ofSeconds(10)).until(() -> "Failed".equals(phase("broken")));
    ContainerStatus app = fixture.pod("broken").getStatus().getContainerStatuses().getFirst();
    assertThat(app.getState().getWaiting().getReason()).isEqualTo("PodInitializing");
  }

  private String phase(String name) {
    Pod pod = fixture.pod(name);
    return pod == null || pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  private boolean condition(String name, String type) {
    Pod pod = fixture.pod(name);
    return pod.getStatus().getConditions().stream().anyMatch(c -> type.equals(c.getType())
        && "True".equals(c.getStatus()));
  }

  private ContainerStatus container(String name) {
    Pod pod = fixture.pod(name);
    return pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses()
        == null || pod.getStatus().getContainerStatuses().isEmpty() ? null
        : pod.getStatus().getContainerStatuses().getFirst();
  }

}

package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deletion with preStop and grace, configuration errors, and the agent's own restart and close. */
class AgentTerminationTest {

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
  void deletionRunsPreStopThenStopsWithinGraceAndRemovesThePod() throws Exception {
    Path hookOutput = temp.resolve("prestop-ran");
    Pod pod = fixture.podBuilder("graceful", "Always",
            "trap 'echo term; exit 0' TERM; while true; do sleep 0.1; done")
        .editSpec().editFirstContainer().withNewLifecycle().withNewPreStop().withNewExec()
        .withCommand("/bin/sh", "-c", "echo done > " + hookOutput).endExec().endPreStop()
        .endLifecycle().endContainer().endSpec().build();
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(pod).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> running("graceful"));
    String uid = fixture.pod("graceful").getMetadata().getUid();

    Instant deleted = Instant.now();
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).withName("graceful").delete();

    await().atMost(Duration.ofSeconds(10)).until(() -> fixture.pod("graceful") == null);
    assertThat(Duration.between(deleted, Instant.now())).isLessThan(Duration.ofSeconds(5));
    assertThat(Files.readString(hookOutput)).isEqualTo("done\n");
    assertThat(fixture.markedProcesses()).isZero();
    await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(
        temp.resolve("logs/pods/default_graceful_" + uid)));
  }

  @Test
  void waitsWithCreateContainerConfigErrorUntilTheConfigMapExists() {
    Pod pod = fixture.podBuilder("configured", "Always", "echo $GREETING; sleep 60").editSpec()
        .editFirstContainer().addNewEnv().withName("GREETING").withNewValueFrom()
        .withNewConfigMapKeyRef().withName("greetings").withKey("hello").endConfigMapKeyRef()
        .endValueFrom().endEnv().endContainer().endSpec().build();
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(pod).create();

    await().atMost(Duration.ofSeconds(10)).until(() -> {
      ContainerStatus status = container("configured");
      return status != null && status.getState().getWaiting() != null
          && "CreateContainerConfigError".equals(status.getState().getWaiting().getReason());
    });
    assertThat(container("configured").getState().getWaiting().getMessage())
        .contains("greetings");
    assertThat(fixture.pod("configured").getStatus().getPhase()).isEqualTo("Pending");

    fixture.client.configMaps().inNamespace(AgentFixture.NAMESPACE).resource(
        new ConfigMapBuilder().withNewMetadata().withName("greetings").endMetadata()
            .addToData("hello", "bonjour").build()).create();

    await().atMost(Duration.ofSeconds(5)).until(() -> running("configured"));
  }

  @Test
  void closeStopsEveryContainerAndARestartedAgentRunsThePodAgain() throws Exception {
    fixture.createPod("survivor", "Always", "sleep 60");
    await().atMost(Duration.ofSeconds(10)).until(() -> running("survivor"));
    String firstId = container("survivor").getContainerID();

    fixture.agent.close();
    assertThat(fixture.markedProcesses()).isZero();
    assertThat(fixture.client.nodes().withName(AgentFixture.NODE).get()).isNotNull();

    fixture.startAgent();
    await().atMost(Duration.ofSeconds(10)).until(() -> running("survivor")
        && !firstId.equals(container("survivor").getContainerID()));
    ContainerStatus status = container("survivor");
    assertThat(status.getRestartCount()).isEqualTo(1);
    assertThat(status.getLastState().getTerminated()).isNotNull();
    assertThat(fixture.markedProcesses()).isPositive();
  }

  @Test
  void aRestartedAgentStopsContainersLeftRunningAndCleansUpDeletedPods() throws Exception {
    fixture.createPod("kept", "Always", "sleep 61");
    fixture.createPod("dropped", "Always", "sleep 62");
    await().atMost(Duration.ofSeconds(10)).until(() -> running("kept") && running("dropped"));

    // An agent that dies without closing leaves its containers running.
    fixture.agent.abandonPods();
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).withName("dropped")
        .withGracePeriod(0).delete();
    await().atMost(Duration.ofSeconds(5)).until(() -> fixture.pod("dropped") == null);
    assertThat(fixture.markedProcesses()).isGreaterThanOrEqualTo(2);

    fixture.startAgent();
    await().atMost(Duration.ofSeconds(10)).until(() -> running("kept")
        && container("kept").getRestartCount() == 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> processesRunning("sleep 61") == 1);
    assertThat(processesRunning("sleep 62")).isZero();
  }

  /** Marked shells running {@code script} (each container is one such shell). */
  private long processesRunning(String script) {
    return ProcessHandle.allProcesses().filter(process -> process.info().arguments()
        .map(List::of).map(args -> args.contains(fixture.marker) && args.contains(script))
        .orElse(false)).count();
  }

  private boolean running(String name) {
    ContainerStatus status = container(name);
    return status != null && status.getState().getRunning() != null;
  }

  private ContainerStatus container(String name) {
    Pod pod = fixture.pod(name);
    return pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses()
        == null || pod.getStatus().getContainerStatuses().isEmpty() ? null
        : pod.getStatus().getContainerStatuses().getFirst();
  }
}

package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness and liveness probes and the postStart hook, through the agent. */
class AgentProbeTest {

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
  void readinessFollowsTheProbeAndLivenessFailureRestartsTheContainer() throws Exception {
    Path ready = temp.resolve("ready");
    Path alive = temp.resolve("alive");
    Files.writeString(alive, "yes");
    Pod pod = fixture.podBuilder("probed", "Always", "sleep 60").editSpec().editFirstContainer()
        .withNewReadinessProbe().withNewExec().withCommand("/bin/test", "-f", ready.toString())
        .endExec().withPeriodSeconds(1).endReadinessProbe()
        .withNewLivenessProbe().withNewExec().withCommand("/bin/test", "-f", alive.toString())
        .endExec().withPeriodSeconds(1).withFailureThreshold(1).endLivenessProbe()
        .endContainer().endSpec().build();
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(pod).create();

    await().atMost(Duration.ofSeconds(10)).until(() -> container("probed") != null
        && container("probed").getState().getRunning() != null);
    assertThat(container("probed").getReady()).isFalse();

    Files.writeString(ready, "yes");
    await().atMost(Duration.ofSeconds(5)).until(() -> container("probed").getReady());

    Files.delete(alive);
    await().atMost(Duration.ofSeconds(15)).until(() -> container("probed").getRestartCount()
        >= 1);
    ContainerStatus restarted = container("probed");
    assertThat(restarted.getLastState().getTerminated().getExitCode()).isIn(137, 143);
  }

  @Test
  void aFailingPostStartHookKillsTheContainer() {
    Pod pod = fixture.podBuilder("hooked", "Never", "sleep 60").editSpec().editFirstContainer()
        .withNewLifecycle().withNewPostStart().withNewExec().withCommand("/bin/false").endExec()
        .endPostStart().endLifecycle().endContainer().endSpec().build();
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(pod).create();

    await().atMost(Duration.ofSeconds(15)).until(() -> {
      Pod current = fixture.pod("hooked");
      return current.getStatus() != null && "Failed".equals(current.getStatus().getPhase());
    });
    assertThat(container("hooked").getState().getTerminated().getExitCode()).isNotZero();
    assertThat(fixture.markedProcesses()).isZero();
  }

  private ContainerStatus container(String name) {
    Pod pod = fixture.pod(name);
    return pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses()
        == null || pod.getStatus().getContainerStatuses().isEmpty() ? null
        : pod.getStatus().getContainerStatuses().getFirst();
  }
}

package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kubelet's pod events as {@code kubectl describe pod} lists them: pods run on the real
 * process runtime, and the Events in the API are checked for reason, type, message, source and
 * the container's fieldPath. One agent serves every test (each its own pod) to stay fast.
 */
class AgentEventsTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  static Path temp;

  private static AgentFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = new AgentFixture(temp);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void aStartIsPulledCreatedStartedOnTheContainer() {
    Pod pod = fixture.createPod("plain", "Always", "sleep 60");

    await().atMost(WAIT).until(() -> find(pod, "Started").isPresent());
    List<Event> events = events(pod);
    assertThat(events).extracting(Event::getReason)
        .containsSubsequence("Pulled", "Created", "Started");
    assertThat(message(pod, "Pulled")).isEqualTo(
        "Container image \"busybox\" already present on machine");
    assertThat(message(pod, "Created")).isEqualTo("Created container: app");
    assertThat(message(pod, "Started")).isEqualTo("Started container app");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.getType()).isEqualTo("Normal");
      assertThat(event.getInvolvedObject().getKind()).isEqualTo("Pod");
      assertThat(event.getInvolvedObject().getApiVersion()).isEqualTo("v1");
      assertThat(event.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{app}");
      assertThat(event.getSource().getComponent()).isEqualTo("kubelet");
      assertThat(event.getSource().getHost()).isEqualTo(AgentFixture.NODE);
      assertThat(event.getCount()).isEqualTo(1);
    });
  }

  @Test
  void aMissingConfigMapIsAFailedEventWithTheError() {
    Pod pod = fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(
        fixture.podBuilder("needs-config", "Always", "sleep 60").editSpec().editFirstContainer()
            .addNewEnv().withName("URL").withNewValueFrom().withNewConfigMapKeyRef()
            .withName("absent").withKey("url").endConfigMapKeyRef().endValueFrom().endEnv()
            .endContainer().endSpec().build()).create();

    await().atMost(WAIT).until(() -> find(pod, "Failed").isPresent());
    Event failed = find(pod, "Failed").orElseThrow();
    assertThat(failed.getType()).isEqualTo("Warning");
    assertThat(failed.getMessage()).isEqualTo("Error: configmap \"absent\" not found");
    assertThat(failed.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{app}");
    assertThat(find(pod, "Created")).isEmpty();
  }

  @Test
  void aMissingConfigMapVolumeIsAFailedMountOnThePod() {
    Pod pod = fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(
        fixture.podBuilder("needs-volume", "Always", "sleep 60").editSpec()
            .addNewVolume().withName("cfg").withNewConfigMap().withName("nope").endConfigMap()
            .endVolume().endSpec().build()).create();

    await().atMost(WAIT).until(() -> find(pod, "FailedMount").isPresent());
    Event mount = find(pod, "FailedMount").orElseThrow();
    assertThat(mount.getType()).isEqualTo("Warning");
    assertThat(mount.getMessage()).isEqualTo(
        "MountVolume.SetUp failed for volume \"cfg\" : configmap \"nope\" not found");
    assertThat(mount.getInvolvedObject().getFieldPath()).isNull();
  }

  @Test
  void aCrashLoopIsOneBackOffEventCountingTheBackOffs() {
    Pod pod = fixture.createPod("crasher", "Always", "exit 1");
    String expected = "Back-off restarting failed container app in pod crasher_default("
        + pod.getMetadata().getUid() + ")";

    await().atMost(WAIT).until(() -> find(pod, "BackOff").map(Event::getCount).orElse(0) >= 2);
    assertThat(events(pod)).filteredOn(e -> "BackOff".equals(e.getReason())).singleElement()
        .satisfies(backOff -> {
          assertThat(backOff.getType()).isEqualTo("Warning");
          assertThat(backOff.getMessage()).isEqualTo(expected);
          assertThat(backOff.getInvolvedObject().getFieldPath())
              .isEqualTo("spec.containers{app}");
        });
    assertThat(find(pod, "Started").orElseThrow().getCount()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void aReadinessFailureIsUnhealthyWithTheProbeOutput() throws Exception {
    Path ready = temp.resolve("ready");
    Files.writeString(ready, "yes");
    Pod pod = fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(
        fixture.podBuilder("unready", "Always", "sleep 60").editSpec().editFirstContainer()
            .withNewReadinessProbe().withNewExec().withCommand("/bin/sh", "-c",
                "test -f " + ready + " || { echo not ready; exit 1; }").endExec()
            .withPeriodSeconds(1).withFailureThreshold(1).endReadinessProbe()
            .endContainer().endSpec().build()).create();
    await().atMost(WAIT).until(() -> containerReady("unready"));

    Files.delete(ready);
    await().atMost(WAIT).until(() -> find(pod, "Unhealthy").isPresent());
    Event unhealthy = find(pod, "Unhealthy").orElseThrow();
    assertThat(unhealthy.getType()).isEqualTo("Warning");
    assertThat(unhealthy.getMessage()).startsWith("Readiness probe failed: not ready");
    assertThat(unhealthy.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{app}");
    assertThat(find(pod, "Killing")).isEmpty();
  }

  @Test
  void aPodThatIsNeverReadySaysWhy() throws Exception {
    Pod pod = fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(
        fixture.podBuilder("never-ready", "Always", "sleep 60").editSpec().editFirstContainer()
            .withNewReadinessProbe().withNewExec().withCommand("/bin/sh", "-c",
                "echo still warming up; exit 1").endExec()
            .withPeriodSeconds(1).withFailureThreshold(1).endReadinessProbe()
            .endContainer().endSpec().build()).create();

    await().atMost(WAIT).until(() -> find(pod, "Unhealthy").isPresent());
    assertThat(find(pod, "Unhealthy").orElseThrow().getMessage())
        .startsWith("Readiness probe failed: still warming up");
    assertThat(containerReady("never-ready")).isFalse();
  }

  record ProbeCase(String name, boolean liveness, String unhealthy, String killing) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ProbeCase> restartingProbes() {
    return Stream.of(
        new ProbeCase("liveness", true, "Liveness probe failed: dead",
            "Container app failed liveness probe, will be restarted"),
        new ProbeCase("startup", false, "Startup probe failed: dead",
            "Container app failed startup probe, will be restarted"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("restartingProbes")
  void aFailureIsUnhealthyAndKillingWithTheRestart(ProbeCase probeCase) {
    Probe failing = new ProbeBuilder().withNewExec()
        .withCommand("/bin/sh", "-c", "echo dead; exit 1").endExec()
        .withPeriodSeconds(1).withFailureThreshold(1).build();
    Container container = fixture.podBuilder("x", "Always", "sleep 60").build().getSpec()
        .getContainers().getFirst();
    if (probeCase.liveness()) {
      container.setLivenessProbe(failing);
    } else {
      container.setStartupProbe(failing);
    }
    Pod pod = fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(
        fixture.podBuilder("dying-" + probeCase.name(), "Always").editSpec()
            .withContainers(container).endSpec().build()).create();

    await().atMost(WAIT).until(() -> find(pod, "Killing").isPresent());
    assertThat(message(pod, "Unhealthy")).startsWith(probeCase.unhealthy());
    assertThat(message(pod, "Killing")).isEqualTo(probeCase.killing());
  }

  @Test
  void deletionIsKillingEachRunningContainer() {
    Pod pod = fixture.createPod("deleted", "Always",
        "trap 'exit 0' TERM; while true; do sleep 0.1; done");
    await().atMost(WAIT).until(() -> find(pod, "Started").isPresent());

    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).withName("deleted").delete();
    await().atMost(WAIT).until(() -> fixture.pod("deleted") == null
        && find(pod, "Killing").isPresent());
    Event killing = find(pod, "Killing").orElseThrow();
    assertThat(killing.getType()).isEqualTo("Normal");
    assertThat(killing.getMessage()).isEqualTo("Stopping container app");
    assertThat(killing.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{app}");
  }

  /** The pod's events (by uid, so a same-named pod of another test never counts), oldest first. */
  private List<Event> events(Pod pod) {
    return fixture.client.v1().events().inNamespace(AgentFixture.NAMESPACE).list().getItems()
        .stream()
        .filter(e -> pod.getMetadata().getUid().equals(e.getInvolvedObject().getUid()))
        .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()))
        .toList();
  }

  private Optional<Event> find(Pod pod, String reason) {
    return events(pod).stream().filter(e -> reason.equals(e.getReason())).findFirst();
  }

  private String message(Pod pod, String reason) {
    return find(pod, reason).map(Event::getMessage).orElse("");
  }

  private boolean containerReady(String name) {
    Pod pod = fixture.pod(name);
    return pod != null && pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null
        && !pod.getStatus().getContainerStatuses().isEmpty()
        && Boolean.TRUE.equals(pod.getStatus().getContainerStatuses().getFirst().getReady());
  }
}

package io.capstan.node.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PodLifecycleTest {

  private static final String NODE = "capstan-sim-0";
  private SimulationFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new SimulationFixture(SimulationFixture.config());
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void boundPodRunsAfterStartDelayThenBecomesReady() {
    createAndTrack("web", Map.of());
    fixture.advance(Duration.ofSeconds(1));
    assertThat(fixture.pod("web").getStatus().getPhase()).isEqualTo("Pending");

    fixture.advance(Duration.ofSeconds(1));
    Pod running = fixture.pod("web");
    assertThat(running.getStatus().getPhase()).isEqualTo("Running");
    assertThat(running.getStatus().getPodIP()).startsWith("127.1.");
    assertThat(running.getStatus().getHostIP()).isEqualTo("127.0.0.2");
    assertThat(running.getStatus().getStartTime()).isNotNull();
    assertThat(conditions(running)).containsEntry("Ready", "False")
        .containsEntry("ContainersReady", "False").containsEntry("Initialized", "True")
        .containsEntry("PodScheduled", "True");
    ContainerStatus container = container(running);
    assertThat(container.getState().getRunning()).isNotNull();
    assertThat(container.getStarted()).isTrue();
    assertThat(container.getReady()).isFalse();
    assertThat(container.getRestartCount()).isZero();
    assertThat(container.getImage()).isEqualTo("nginx:1.27");
    assertThat(container.getContainerID()).startsWith("simulated://");

    fixture.advance(Duration.ofSeconds(3));
    Pod ready = fixture.pod("web");
    assertThat(conditions(ready)).containsEntry("Ready", "True")
        .containsEntry("ContainersReady", "True");
    assertThat(container(ready).getReady()).isTrue();
  }

  @Test
  void podsGetDistinctAddressesAndPodsOfOtherNodesAreIgnored() {
    createAndTrack("a", Map.of());
    createAndTrack("b", Map.of());
    fixture.createPod("elsewhere", "real-node", Map.of());
    fixture.advance(Duration.ofSeconds(2));
    assertThat(fixture.pod("a").getStatus().getPodIP())
        .isNotEqualTo(fixture.pod("b").getStatus().getPodIP());
    assertThat(fixture.nodes.tracks(SimulationFixture.NAMESPACE, "elsewhere")).isFalse();
    Pod other = fixture.pod("elsewhere");
    assertThat(other.getStatus() == null ? null : other.getStatus().getPhase())
        .isNotEqualTo("Running");
  }

  @Test
  void podBoundThroughTheBindingSubresourceRuns() throws Exception {
    fixture.createPod("late", null, Map.of());
    String binding = """
        {"apiVersion":"v1","kind":"Binding","metadata":{"name":"late"},
         "target":{"apiVersion":"v1","kind":"Node","name":"capstan-sim-1"}}""";
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(fixture.server.url() + "/api/v1/namespaces/default/pods/late/binding"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(binding)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        fixture.nodes.tracks(SimulationFixture.NAMESPACE, "late"));
    fixture.advance(Duration.ofSeconds(5));
    Pod pod = fixture.pod("late");
    assertThat(pod.getStatus().getHostIP()).isEqualTo("127.0.0.3");
    assertThat(conditions(pod)).containsEntry("Ready", "True");
  }

  @Test
  void neverReadyPodStaysRunningButUnready() {
    createAndTrack("stuck", Map.of(SimulationAnnotations.NEVER_READY, "true"));
    fixture.advance(Duration.ofMinutes(5));
    Pod pod = fixture.pod("stuck");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    assertThat(conditions(pod)).containsEntry("Ready", "False");
    assertThat(container(pod).getReady()).isFalse();
  }

  @Test
  void crashingPodLoopsWithDoublingBackOff() {
    createAndTrack("crash", Map.of(SimulationAnnotations.CRASH_AFTER, "5"));
    fixture.advance(Duration.ofSeconds(5));
    assertThat(conditions(fixture.pod("crash"))).containsEntry("Ready", "True");

    fixture.advance(Duration.ofSeconds(2));
    Pod crashed = fixture.pod("crash");
    ContainerStatus first = container(crashed);
    assertThat(crashed.getStatus().getPhase()).isEqualTo("Running");
    assertThat(conditions(crashed)).containsEntry("Ready", "False");
    assertThat(first.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
    assertThat(first.getState().getWaiting().getMessage()).startsWith("back-off 10s");
    assertThat(first.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    assertThat(first.getRestartCount()).isEqualTo(1);

    fixture.advance(Duration.ofSeconds(10));
    ContainerStatus restarted = container(fixture.pod("crash"));
    assertThat(restarted.getState().getRunning()).isNotNull();
    assertThat(restarted.getRestartCount()).isEqualTo(1);

    fixture.advance(Duration.ofSeconds(5));
    ContainerStatus second = container(fixture.pod("crash"));
    assertThat(second.getState().getWaiting().getMessage()).startsWith("back-off 20s");
    assertThat(second.getRestartCount()).isEqualTo(2);
  }

  @Test
  void crashWithRestartPolicyNeverFailsThePod() {
    fixture.createPod("once", NODE, Map.of(SimulationAnnotations.CRASH_AFTER, "4"), "Never");
    await().atMost(Duration.ofSeconds(10)).until(() ->
        fixture.nodes.tracks(SimulationFixture.NAMESPACE, "once"));
    fixture.advance(Duration.ofSeconds(6));
    Pod pod = fixture.pod("once");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
    assertThat(container(pod).getState().getTerminated().getExitCode()).isEqualTo(1);
  }

  @Test
  void startFailureLeavesPodPendingWithWaitingReason() {
    createAndTrack("bad-image", Map.of(SimulationAnnotations.START_FAILURE, "ErrImagePull"));
    fixture.advance(Duration.ofMinutes(1));
    Pod pod = fixture.pod("bad-image");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(container(pod).getState().getWaiting().getReason()).isEqualTo("ErrImagePull");
    assertThat(container(pod).getReady()).isFalse();
    assertThat(conditions(pod)).containsEntry("Ready", "False");
  }

  @Test
  void deletedPodIsFinishedAfterTheShortStopDelay() {
    createAndTrack("gone", Map.of());
    fixture.advance(Duration.ofSeconds(5));
    fixture.client.pods().inNamespace(SimulationFixture.NAMESPACE).withName("gone").delete();
    assertThat(fixture.pod("gone").getMetadata().getDeletionTimestamp()).isNotNull();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      fixture.advance(Duration.ofSeconds(1));
      assertThat(fixture.pod("gone")).isNull();
    });
    await().atMost(Duration.ofSeconds(10)).until(() ->
        !fixture.nodes.tracks(SimulationFixture.NAMESPACE, "gone"));
  }

  private void createAndTrack(String name, Map<String, String> annotations) {
    fixture.createPod(name, NODE, annotations);
    await().atMost(Duration.ofSeconds(10)).until(() ->
        fixture.nodes.tracks(SimulationFixture.NAMESPACE, name));
  }

  private static ContainerStatus container(Pod pod) {
    return pod.getStatus().getContainerStatuses().getFirst();
  }

  private static Map<String, String> conditions(Pod pod) {
    return pod.getStatus().getConditions().stream()
        .collect(Collectors.toMap(PodCondition::getType, PodCondition::getStatus));
  }
}

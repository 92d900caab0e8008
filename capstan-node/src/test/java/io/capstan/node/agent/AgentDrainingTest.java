package io.capstan.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controller.runtime.draining.Draining;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The draining handshake over the real API: the test plays the service proxies, renewing their
 * Leases and acknowledging terminating pods by annotation, and watches when the container gets
 * SIGTERM (it writes a marker file on TERM).
 */
class AgentDrainingTest {

  @TempDir
  Path temp;

  private AgentFixture fixture;
  private Path terminated;

  @BeforeEach
  void start() throws Exception {
    fixture = new AgentFixture(temp);
    terminated = temp.resolve("terminated");
    fixture.client.services().inNamespace(AgentFixture.NAMESPACE).resource(
        ServiceLinkVariablesTest.service(AgentFixture.NAMESPACE, "web", "127.96.0.40",
            ServiceLinkVariablesTest.port("http", 80, "TCP"))).create();
    fixture.client.services().inNamespace(AgentFixture.NAMESPACE).withName("web")
        .edit(s -> {
          s.getSpec().setSelector(Map.of("app", "web"));
          return s;
        });
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void sigtermWaitsUntilEveryLiveProxyAcknowledged() {
    createProxyLease("proxy-a", Instant.now(), 40);
    createProxyLease("proxy-b", Instant.now(), 40);
    runPod("served", "web", 10);

    delete("served");
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
        .until(() -> !Files.exists(terminated));
    acknowledge("served", "proxy-a");
    await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3))
        .until(() -> !Files.exists(terminated));
    Instant lastAck = Instant.now();
    acknowledge("served", "proxy-b");

    await().atMost(Duration.ofSeconds(3)).until(() -> Files.exists(terminated));
    assertThat(Duration.between(lastAck, Instant.now())).isLessThan(Duration.ofSeconds(3));
    await().atMost(Duration.ofSeconds(5)).until(() -> fixture.pod("served") == null);
  }

  @Test
  void aProxyThatNeverAcknowledgesDelaysSigtermByTheGracePeriodAtMost() {
    createProxyLease("proxy-a", Instant.now(), 40);
    createProxyLease("proxy-silent", Instant.now(), 40);
    runPod("served", "web", 4);

    Instant deleted = Instant.now();
    delete("served");
    acknowledge("served", "proxy-a");

    // The deadline is the deletionTimestamp, which the API server truncates to the second.
    await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
        .until(() -> !Files.exists(terminated));
    await().atMost(Duration.ofSeconds(4)).until(() -> Files.exists(terminated));
    assertThat(Duration.between(deleted, Instant.now())).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void staleProxiesAndProxiesGoingStaleAreNotWaitedFor() {
    createProxyLease("proxy-dead", Instant.now().minusSeconds(60), 40);
    createProxyLease("proxy-fading", Instant.now(), 3);
    runPod("served", "web", 20);

    Instant deleted = Instant.now();
    delete("served");

    await().atMost(Duration.ofSeconds(8)).until(() -> Files.exists(terminated));
    assertThat(Duration.between(deleted, Instant.now())).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void aDeletionBegunBeforeTheAgentRestartedOnlyWaitsForWhatRemainsOfItsGrace()
      throws Exception {
    createProxyLease("proxy-silent", Instant.now(), 40);
    runPod("served", "web", 6);
    // An agent that dies leaves the container running; the pod is deleted meanwhile.
    fixture.agent.abandonPods();
    Instant deleted = Instant.now();
    delete("served");
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
        .until(() -> !Files.exists(terminated));

    fixture.startAgent();

    // The grace ends 5 to 6 s after the deletion (deletionTimestamp has whole seconds), not 6 s
    // after the restart, and the kept container is not stopped at once either.
    await().atMost(Duration.ofSeconds(6)).until(() -> Files.exists(terminated));
    Duration elapsed = Duration.between(deleted, Instant.now());
    assertThat(elapsed).isGreaterThan(Duration.ofMillis(4500)).isLessThan(Duration.ofSeconds(8));
    await().atMost(Duration.ofSeconds(5)).until(() -> fixture.pod("served") == null);
    assertThat(fixture.markedProcesses()).isZero();
  }

  @Test
  void aPodNoServiceSelectsIsNotDelayed() {
    createProxyLease("proxy-a", Instant.now(), 40);
    runPod("unserved", "batch", 10);

    delete("unserved");

    await().atMost(Duration.ofSeconds(2)).until(() -> Files.exists(terminated));
  }

  private void runPod(String name, String app, long graceSeconds) {
    Pod pod = fixture.podBuilder(name, "Always", "trap 'touch " + terminated
            + "; exit 0' TERM; while true; do sleep 0.1; done")
        .editMetadata().addToLabels("app", app).endMetadata()
        .editSpec().withTerminationGracePeriodSeconds(graceSeconds).endSpec().build();
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).resource(pod).create();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      Pod current = fixture.pod(name);
      ContainerStatus status = current == null || current.getStatus() == null
          || current.getStatus().getContainerStatuses() == null
          || current.getStatus().getContainerStatuses().isEmpty() ? null
          : current.getStatus().getContainerStatuses().getFirst();
      return status != null && status.getState().getRunning() != null;
    });
  }

  private void delete(String name) {
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).withName(name).delete();
  }

  /** What a proxy does: a merge patch of its own acknowledgement onto the pod. */
  private void acknowledge(String pod, String proxyNode) {
    String patch = "{\"metadata\":{\"annotations\":{\"" + Draining.ackAnnotation(proxyNode)
        + "\":\"true\"}}}";
    fixture.client.pods().inNamespace(AgentFixture.NAMESPACE).withName(pod)
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
  }

  private void createProxyLease(String proxyNode, Instant renewed, int durationSeconds) {
    fixture.client.leases().inNamespace(Draining.LEASE_NAMESPACE).resource(new LeaseBuilder()
        .withNewMetadata().withName(Draining.proxyLeaseName(proxyNode))
        .withNamespace(Draining.LEASE_NAMESPACE).endMetadata().withNewSpec()
        .withHolderIdentity(proxyNode).withLeaseDurationSeconds(durationSeconds)
        .withRenewTime(renewed.atZone(ZoneOffset.UTC)).endSpec().build()).create();
  }
}

package io.capstan.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.SharedInformers;
import io.capstan.controller.runtime.testing.FakeClock;
import io.capstan.controllers.gc.ClusterFixture;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The controller against a real API server, with a fake clock: time moves only when the test
 * says so, and the node "agent" is the test posting heartbeats.
 */
class NodeLifecycleControllerTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final Duration GRACE = Duration.ofSeconds(40);

  private ClusterFixture cluster;
  private FakeClock clock;
  private SharedInformers informers;
  private Controller controller;

  @BeforeEach
  void start() throws Exception {
    cluster = new ClusterFixture();
    // Pods get their creation time from the server's real clock; start the fake one there.
    clock = new FakeClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    informers = new SharedInformers(cluster.client);
    controller = NodeLifecycleController.create(cluster.client, informers, clock, clock,
        new EventRecorder(cluster.client, NodeLifecycleController.NAME, clock),
        NodeMonitorSettings.withGracePeriod(GRACE));
    informers.start();
    controller.start().get();
  }

  @AfterEach
  void stop() {
    controller.close();
    informers.close();
    cluster.close();
  }

  @Test
  void aSilentNodeBecomesUnknownIsTaintedLosesItsPodsAndIsUntaintedWhenItReturns() {
    registerNode("n1");
    cluster.createNamespace("shop");
    createReadyPod("shop", "web", "n1", 30L);
    awaitPendingRequeue();

    clock.advance(GRACE.minusSeconds(1));
    await().during(Duration.ofMillis(300)).atMost(DEADLINE)
        .until(() -> ready(node("n1")).equals("True") && taints(node("n1")).isEmpty());

    clock.advance(Duration.ofSeconds(2));
    await().atMost(DEADLINE).until(() -> ready(node("n1")).equals("Unknown"));
    await().atMost(DEADLINE).until(() -> taints(node("n1")).size() == 2);
    assertThat(taints(node("n1"))).extracting(Taint::getKey, Taint::getEffect)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(ConditionTaints.UNREACHABLE, "NoSchedule"),
            org.assertj.core.groups.Tuple.tuple(ConditionTaints.UNREACHABLE, "NoExecute"));
    await().atMost(DEADLINE).until(() -> podReady("shop", "web").equals("False"));
    assertThat(pod("shop", "web").getMetadata().getDeletionTimestamp()).isNull();
    // Reconciling again writes nothing.
    String nodeVersion = node("n1").getMetadata().getResourceVersion();
    String podVersion = pod("shop", "web").getMetadata().getResourceVersion();
    controller.queue().add("n1");
    await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() ->
        node("n1").getMetadata().getResourceVersion().equals(nodeVersion)
            && pod("shop", "web").getMetadata().getResourceVersion().equals(podVersion));

    // The pod tolerates the unreachable taint for 30 s.
    advanceUntil(() -> pod("shop", "web").getMetadata().getDeletionTimestamp() != null);
    assertThat(pod("shop", "web").getStatus().getConditions())
        .anySatisfy(c -> {
          assertThat(c.getType()).isEqualTo("DisruptionTarget");
          assertThat(c.getReason()).isEqualTo("DeletionByTaintManager");
        });

    heartbeat("n1");
    await().atMost(DEADLINE).until(() -> taints(node("n1")).isEmpty());
  }

  @Test
  void aPodThatToleratesTheTaintForGoodStays() {
    registerNode("n2");
    cluster.createNamespace("db");
    createReadyPod("db", "store", "n2", null);
    awaitPendingRequeue();
    clock.advance(GRACE.plusSeconds(1));
    await().atMost(DEADLINE).until(() -> taints(node("n2")).size() == 2);
    clock.advance(Duration.ofHours(1));
    await().during(Duration.ofMillis(300)).atMost(DEADLINE)
        .until(() -> pod("db", "store").getMetadata().getDeletionTimestamp() == null);
  }

  private void registerNode(String name) {
    cluster.client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).create();
    heartbeat(name);
  }

  /** What the node agent does: post Ready=True with a fresh heartbeat. */
  private void heartbeat(String name) {
    String now = Times.format(clock.instant());
    cluster.client.nodes().withName(name).subresource("status").patch(
        PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"conditions\":[{\"type\":\"Ready\","
            + "\"status\":\"True\",\"reason\":\"KubeletReady\",\"lastHeartbeatTime\":\"" + now
            + "\",\"lastTransitionTime\":\"" + now + "\"}]}}");
  }

  private void createReadyPod(String namespace, String name, String node, Long seconds) {
    Pod pod = cluster.client.pods().inNamespace(namespace).resource(new PodBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withNodeName(node)
        .addNewToleration().withKey(ConditionTaints.UNREACHABLE).withOperator("Exists")
        .withEffect("NoExecute").withTolerationSeconds(seconds).endToleration()
        .addNewContainer().withName("c").withImage("busybox").endContainer()
        .endSpec().build()).create();
    cluster.client.pods().inNamespace(namespace).resource(new PodBuilder(pod).editStatus()
        .withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
        .endCondition().endStatus().build()).updateStatus();
  }

  /** Once the controller has seen the node it waits for the grace period to run out. */
  private void awaitPendingRequeue() {
    Instant expiry = clock.instant().plus(GRACE);
    await().atMost(DEADLINE).until(() -> clock.pendingDueTimes().stream()
        .anyMatch(due -> !due.isBefore(expiry)));
  }

  private void advanceUntil(java.util.concurrent.Callable<Boolean> condition) {
    await().atMost(DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> {
      clock.advance(Duration.ofSeconds(1));
      return condition.call();
    });
  }

  private Node node(String name) {
    return cluster.client.nodes().withName(name).get();
  }

  private Pod pod(String namespace, String name) {
    return cluster.client.pods().inNamespace(namespace).withName(name).get();
  }

  private static String ready(Node node) {
    return node.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready"))
        .map(c -> c.getStatus()).findFirst().orElse("");
  }

  private String podReady(String namespace, String name) {
    return pod(namespace, name).getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready")).map(c -> c.getStatus()).findFirst()
        .orElse("");
  }

  private static List<Taint> taints(Node node) {
    return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
        : node.getSpec().getTaints();
  }
}

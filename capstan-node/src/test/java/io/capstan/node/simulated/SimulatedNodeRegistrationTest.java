package io.capstan.node.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedNodeRegistrationTest {

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
  void registersReadyNodesWithCapacityAndIdentity() {
    assertThat(fixture.nodes.nodeNames()).containsExactly("capstan-sim-0", "capstan-sim-1");
    Node node = fixture.client.nodes().withName("capstan-sim-1").get();
    assertThat(node.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname",
        "capstan-sim-1").containsEntry("kubernetes.io/os", "linux")
        .containsEntry("type", "simulated");
    assertThat(node.getStatus().getCapacity().get("cpu").toString()).isEqualTo("8");
    assertThat(node.getStatus().getAllocatable().get("memory").toString()).isEqualTo("32Gi");
    assertThat(node.getStatus().getCapacity().get("pods").toString()).isEqualTo("110");
    assertThat(conditions(node)).containsExactlyInAnyOrderEntriesOf(Map.of("Ready", "True",
        "MemoryPressure", "False", "DiskPressure", "False", "PIDPressure", "False"));
    assertThat(node.getStatus().getAddresses()).anySatisfy(address -> {
      assertThat(address.getType()).isEqualTo("InternalIP");
      assertThat(address.getAddress()).isEqualTo("127.0.0.3");
    });
    assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.32.0");
    assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion())
        .isEqualTo("simulated://1.0");
  }

  @Test
  void renewsLeasesEveryHeartbeatAndNodeStatusMoreSlowly() {
    Instant start = fixture.clock.instant();
    assertThat(renewTime("capstan-sim-0")).isEqualTo(start);
    assertThat(lease("capstan-sim-0").getSpec().getHolderIdentity()).isEqualTo("capstan-sim-0");

    fixture.advance(Duration.ofSeconds(10));
    assertThat(renewTime("capstan-sim-0")).isEqualTo(start.plusSeconds(10));
    assertThat(renewTime("capstan-sim-1")).isEqualTo(start.plusSeconds(10));
    assertThat(readyHeartbeat("capstan-sim-0")).isEqualTo(start);

    fixture.advance(Duration.ofSeconds(50));
    assertThat(renewTime("capstan-sim-0")).isEqualTo(start.plusSeconds(60));
    assertThat(readyHeartbeat("capstan-sim-0")).isEqualTo(start.plusSeconds(60));
  }

  @Test
  void closingStopsHeartbeats() {
    Instant start = fixture.clock.instant();
    fixture.nodes.close();
    fixture.advance(Duration.ofSeconds(30));
    assertThat(renewTime("capstan-sim-0")).isEqualTo(start);
    assertThat(fixture.client.nodes().withName("capstan-sim-0").get()).isNotNull();
  }

  @Test
  void restartingOnExistingNodesTakesThemOver() {
    fixture.nodes.close();
    fixture.advance(Duration.ofSeconds(30));
    try (SimulatedNodes again = SimulatedNodes.start(fixture.client, fixture.clock,
        fixture.clock, SimulationFixture.config())) {
      assertThat(renewTime("capstan-sim-0")).isEqualTo(fixture.clock.instant());
      assertThat(again.nodeNames()).hasSize(2);
    }
  }

  @Test
  void oneNamedNodeUnderItsOwnIdentityRunsThePodsBoundToIt() {
    try (SimulatedNodes one = SimulatedNodes.startOne(fixture.client, "agent-1", fixture.clock,
        fixture.clock, SimulationFixture.config())) {
      assertThat(one.nodeNames()).containsExactly("agent-1");
      assertThat(conditions(fixture.client.nodes().withName("agent-1").get()))
          .containsEntry("Ready", "True");
      assertThat(renewTime("agent-1")).isEqualTo(fixture.clock.instant());

      fixture.createPod("mine", "agent-1", Map.of());
      fixture.createPod("theirs", "capstan-sim-0", Map.of());
      await().atMost(Duration.ofSeconds(10))
          .until(() -> one.tracks(SimulationFixture.NAMESPACE, "mine"));
      assertThat(one.tracks(SimulationFixture.NAMESPACE, "theirs")).isFalse();
      fixture.advance(Duration.ofSeconds(2));
      await().atMost(Duration.ofSeconds(10))
          .until(() -> "Running".equals(fixture.pod("mine").getStatus().getPhase()));
    }
  }

  private Lease lease(String node) {
    return fixture.client.leases().inNamespace("kube-node-lease").withName(node).get();
  }

  private Instant renewTime(String node) {
    return lease(node).getSpec().getRenewTime().toInstant();
  }

  private Instant readyHeartbeat(String node) {
    return fixture.client.nodes().withName(node).get().getStatus().getConditions().stream()
        .filter(condition -> condition.getType().equals("Ready")).findFirst().map(condition ->
            Instant.parse(condition.getLastHeartbeatTime())).orElseThrow();
  }

  private static Map<String, String> conditions(Node node) {
    return node.getStatus().getConditions().stream()
        .collect(Collectors.toMap(NodeCondition::getType, NodeCondition::getStatus));
  }
}

package io.capstan.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeStatusUnknownTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:40Z");

  @Test
  void postedConditionsBecomeUnknownKeepingTheirHeartbeat() {
    List<NodeCondition> posted = List.of(
        condition("MemoryPressure", "False"), condition("DiskPressure", "False"),
        condition("PIDPressure", "False"), condition("Ready", "True"),
        condition("NetworkUnavailable", "False"));
    List<NodeCondition> unknown = NodeStatusUnknown.markUnknown(posted, "", NOW).orElseThrow();
    assertThat(unknown).hasSize(5);
    NodeCondition ready = unknown.get(3);
    assertThat(ready.getStatus()).isEqualTo("Unknown");
    assertThat(ready.getReason()).isEqualTo("NodeStatusUnknown");
    assertThat(ready.getMessage()).isEqualTo("Kubelet stopped posting node status.");
    assertThat(ready.getLastHeartbeatTime()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(ready.getLastTransitionTime()).isEqualTo("2026-03-01T10:00:40Z");
    assertThat(unknown.get(4).getStatus()).isEqualTo("False");
    assertThat(NodeStatusUnknown.markUnknown(unknown, "", NOW.plusSeconds(10)))
        .isEqualTo(Optional.empty());
  }

  @Test
  void aNodeThatNeverPostedGetsNeverUpdatedConditions() {
    List<NodeCondition> unknown = NodeStatusUnknown.markUnknown(List.of(),
        "2026-03-01T09:59:00Z", NOW).orElseThrow();
    assertThat(unknown).extracting(NodeCondition::getType)
        .containsExactly("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
    assertThat(unknown).allSatisfy(c -> {
      assertThat(c.getStatus()).isEqualTo("Unknown");
      assertThat(c.getReason()).isEqualTo("NodeStatusNeverUpdated");
      assertThat(c.getLastHeartbeatTime()).isEqualTo("2026-03-01T09:59:00Z");
    });
  }

  private static NodeCondition condition(String type, String status) {
    return new NodeConditionBuilder().withType(type).withStatus(status).withReason("Kubelet")
        .withLastHeartbeatTime("2026-03-01T10:00:00Z")
        .withLastTransitionTime("2026-03-01T09:00:00Z").build();
  }
}

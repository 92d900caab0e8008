package io.capstan.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conditions of a node that stopped posting its status, as {@code tryUpdateNodeHealth}
 * writes them: Ready, MemoryPressure, DiskPressure and PIDPressure become Unknown with reason
 * {@code NodeStatusUnknown} ("Kubelet stopped posting node status."), keeping their last heartbeat
 * and taking {@code now} as transition time; the ones the node never posted are added with reason
 * {@code NodeStatusNeverUpdated}. Other conditions stay as they are.
 */
final class NodeStatusUnknown {

  static final List<String> TYPES = List.of("Ready", "MemoryPressure", "DiskPressure",
      "PIDPressure");

  private NodeStatusUnknown() {}

  /** The new conditions, or empty when they already say Unknown. */
  static Optional<List<NodeCondition>> markUnknown(List<NodeCondition> conditions,
      String createdAt, Instant now) {
    String time = Times.format(now);
    List<NodeCondition> result = new ArrayList<>();
    boolean changed = false;
    for (NodeCondition condition : conditions) {
      if (TYPES.contains(condition.getType()) && !"Unknown".equals(condition.getStatus())) {
        result.add(new NodeConditionBuilder(condition).withStatus("Unknown")
            .withReason("NodeStatusUnknown").withMessage("Kubelet stopped posting node status.")
            .withLastTransitionTime(time).build());
        changed = true;
      } else {
        result.add(condition);
      }
    }
    for (String type : TYPES) {
      if (conditions.stream().noneMatch(c -> type.equals(c.getType()))) {
        result.add(new NodeConditionBuilder().withType(type).withStatus("Unknown")
            .withReason("NodeStatusNeverUpdated").withMessage("Kubelet never posted node status.")
            .withLastHeartbeatTime(createdAt).withLastTransitionTime(time).build());
        changed = true;
      }
    }
    return changed ? Optional.of(result) : Optional.empty();
  }
}

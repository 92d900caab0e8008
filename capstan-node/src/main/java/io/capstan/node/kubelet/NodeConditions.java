package io.capstan.node.kubelet;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import java.time.Instant;
import java.util.List;

/** The conditions a healthy kubelet posts: no memory, disk or PID pressure, and Ready. */
public final class NodeConditions {

  private NodeConditions() {}

  public static List<NodeCondition> healthy(Instant readySince, Instant heartbeat) {
    return List.of(
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available", readySince, heartbeat),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure", readySince, heartbeat),
        condition("PIDPressure", "False", "KubeletHasSufficientPID",
            "kubelet has sufficient PID available", readySince, heartbeat),
        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status",
            readySince, heartbeat));
  }

  private static NodeCondition condition(String type, String status, String reason,
      String message, Instant since, Instant heartbeat) {
    return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withMessage(message).withLastTransitionTime(Timestamps.seconds(since))
        .withLastHeartbeatTime(Timestamps.seconds(heartbeat)).build();
  }
}

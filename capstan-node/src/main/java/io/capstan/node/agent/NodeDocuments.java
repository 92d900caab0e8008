package io.capstan.node.agent;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The Node and Lease objects the agent writes for its node, as the kubelet writes them. */
final class NodeDocuments {

  static final String LEASE_NAMESPACE = "kube-node-lease";
  static final int LEASE_DURATION_SECONDS = 40;

  private NodeDocuments() {}

  static Node node(NodeAgentConfig config, MachineInfo machine) {
    return new NodeBuilder().withNewMetadata().withName(config.nodeName())
        .addToLabels("kubernetes.io/hostname", config.nodeName())
        .addToLabels("kubernetes.io/os", machine.operatingSystem())
        .addToLabels("kubernetes.io/arch", machine.architecture())
        .addToLabels("beta.kubernetes.io/os", machine.operatingSystem())
        .addToLabels("beta.kubernetes.io/arch", machine.architecture())
        .endMetadata()
        .withNewSpec().withPodCIDR(config.podCidr()).withPodCIDRs(config.podCidr()).endSpec()
        .build();
  }

  static NodeStatus status(NodeAgentConfig config, MachineInfo machine, String runtimeVersion,
      int endpointPort, Instant readySince, Instant heartbeat) {
    Map<String, Quantity> quantities = new TreeMap<>();
    machine.capacity().forEach((resource, amount) -> quantities.put(resource,
        new Quantity(amount)));
    return new NodeStatusBuilder()
        .withCapacity(quantities)
        .withAllocatable(quantities)
        .withConditions(conditions(readySince, heartbeat))
        .addNewAddress().withType("InternalIP").withAddress(config.nodeIp()).endAddress()
        .addNewAddress().withType("Hostname").withAddress(config.nodeName()).endAddress()
        .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(endpointPort)
        .endKubeletEndpoint().endDaemonEndpoints()
        .withNewNodeInfo()
        .withKubeletVersion(config.kubeletVersion())
        .withKubeProxyVersion(config.kubeletVersion())
        .withContainerRuntimeVersion(runtimeVersion)
        .withOperatingSystem(machine.operatingSystem())
        .withArchitecture(machine.architecture())
        .withOsImage(machine.osImage())
        .withKernelVersion(machine.kernelVersion())
        .withMachineID(machine.machineId())
        .withSystemUUID(machine.machineId())
        .withBootID(machine.bootId())
        .endNodeInfo()
        .build();
  }

  static List<NodeCondition> conditions(Instant readySince, Instant heartbeat) {
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
        .withMessage(message).withLastTransitionTime(Times.seconds(since))
        .withLastHeartbeatTime(Times.seconds(heartbeat)).build();
  }

  static Lease lease(String nodeName, Instant renewed) {
    return new LeaseBuilder().withNewMetadata().withName(nodeName)
        .withNamespace(LEASE_NAMESPACE).endMetadata()
        .withNewSpec().withHolderIdentity(nodeName)
        .withLeaseDurationSeconds(LEASE_DURATION_SECONDS)
        .withRenewTime(renewed.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC))
        .endSpec().build();
  }
}

package io.capstan.node.agent;

import io.capstan.node.kubelet.NodeConditions;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/** The Node and Lease objects the agent writes for its node, as the kubelet writes them. */
final class NodeDocuments {

  static final String LEASE_NAMESPACE = "kube-node-lease";
  static final int LEASE_DURATION_SECONDS = 40;

  private NodeDocuments() {}

  /** The Node to register; its pod range only if the agent has one of its own. */
  static Node node(NodeAgentConfig config, MachineInfo machine) {
    NodeBuilder node = new NodeBuilder().withNewMetadata().withName(config.nodeName())
        .addToLabels("kubernetes.io/hostname", config.nodeName())
        .addToLabels("kubernetes.io/os", machine.operatingSystem())
        .addToLabels("kubernetes.io/arch", machine.architecture())
        .addToLabels("beta.kubernetes.io/os", machine.operatingSystem())
        .addToLabels("beta.kubernetes.io/arch", machine.architecture())
        .endMetadata();
    if (!config.podCidr().isEmpty()) {
      node.withNewSpec().withPodCIDR(config.podCidr()).withPodCIDRs(config.podCidr()).endSpec();
    }
    return node.build();
  }

  static NodeStatus status(NodeAgentConfig config, MachineInfo machine, String runtimeVersion,
      int endpointPort, Instant readySince, Instant heartbeat) {
    Map<String, Quantity> quantities = new TreeMap<>();
    machine.capacity().forEach((resource, amount) -> quantities.put(resource,
        new Quantity(amount)));
    return new NodeStatusBuilder()
        .withCapacity(quantities)
        .withAllocatable(quantities)
        .withConditions(NodeConditions.healthy(readySince, heartbeat))
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

  static Lease lease(String nodeName, Instant renewed) {
    return new LeaseBuilder().withNewMetadata().withName(nodeName)
        .withNamespace(LEASE_NAMESPACE).endMetadata()
        .withNewSpec().withHolderIdentity(nodeName)
        .withLeaseDurationSeconds(LEASE_DURATION_SECONDS)
        .withRenewTime(renewed.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC))
        .endSpec().build();
  }
}

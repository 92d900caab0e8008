package io.capstan.node.simulated;

import io.capstan.node.kubelet.NodeConditions;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Node;
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

/** Builders for the Node and Lease objects of one simulated node. */
final class NodeObjects {

  static final String LEASE_NAMESPACE = "kube-node-lease";
  static final int LEASE_DURATION_SECONDS = 40;

  private NodeObjects() {}

  static Node node(String name) {
    return new NodeBuilder().withNewMetadata().withName(name)
        .addToLabels("kubernetes.io/hostname", name)
        .addToLabels("kubernetes.io/os", "linux")
        .addToLabels("kubernetes.io/arch", "amd64")
        .addToLabels("type", "simulated")
        .endMetadata().build();
  }

  static NodeStatus status(String name, String address, Map<String, String> capacity,
      Instant readySince, Instant heartbeat) {
    Map<String, Quantity> quantities = new TreeMap<>();
    capacity.forEach((resource, amount) -> quantities.put(resource, new Quantity(amount)));
    return new NodeStatusBuilder()
        .withCapacity(quantities)
        .withAllocatable(quantities)
        .withConditions(NodeConditions.healthy(readySince, heartbeat))
        .addNewAddress().withType("InternalIP").withAddress(address).endAddress()
        .addNewAddress().withType("Hostname").withAddress(name).endAddress()
        .withNewNodeInfo()
        .withKubeletVersion("v1.32.0")
        .withKubeProxyVersion("v1.32.0")
        .withContainerRuntimeVersion("simulated://1.0")
        .withOperatingSystem("linux")
        .withArchitecture("amd64")
        .withOsImage("Capstan simulated node")
        .withKernelVersion("simulated")
        .withMachineID(name)
        .withSystemUUID(name)
        .withBootID(name)
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

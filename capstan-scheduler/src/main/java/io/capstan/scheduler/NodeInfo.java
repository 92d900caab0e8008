package io.capstan.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One node and what the pods bound or assumed on it add up to: their number, their requests, their requests as
 * scoring counts them, the host ports they hold (with multiplicity) and their replicas per controller uid. The
 * filters and scores need only these, so a decision costs the same however many pods a node runs.
 */
public final class NodeInfo {
    private final Node node;
    private final int podCount;
    private final PodRequests requested;
    private final PodRequests nonZeroRequested;
    private final Map<String, Integer> hostPorts;
    private final Map<String, Integer> replicasByController;
    private final long allocatableMilliCpu;
    private final long allocatableMemory;
    private final long allocatablePods;

    public NodeInfo(Node node, int podCount, PodRequests requested, PodRequests nonZeroRequested,
                    Map<String, Integer> hostPorts, Map<String, Integer> replicasByController) {
        this.node = Objects.requireNonNull(node);
        this.podCount = podCount;
        this.requested = requested;
        this.nonZeroRequested = nonZeroRequested;
        this.hostPorts = Map.copyOf(hostPorts);
        this.replicasByController = Map.copyOf(replicasByController);
        // Parsed once per node version, not once per decision.
        this.allocatableMilliCpu = allocatable(node, "cpu").map(PodRequests::milliCpu).orElse(0L);
        this.allocatableMemory = allocatable(node, "memory").map(PodRequests::bytes).orElse(0L);
        this.allocatablePods = allocatable(node, "pods").map(PodRequests::bytes).orElse(0L);
    }

    /** The node's aggregates worked out from scratch over the pods on it. */
    public static NodeInfo of(Node node, List<Pod> pods) {
        PodRequests requested = PodRequests.NONE;
        PodRequests nonZero = PodRequests.NONE;
        Map<String, Integer> ports = new HashMap<>();
        Map<String, Integer> replicas = new HashMap<>();
        for (Pod pod : pods) {
            PodUsage usage = PodUsage.of(pod);
            requested = requested.plus(usage.requests());
            nonZero = nonZero.plus(usage.nonZero());
            usage.hostPorts().forEach(p -> ports.merge(p, 1, Integer::sum));
            usage.controllerUid().ifPresent(uid -> replicas.merge(uid, 1, Integer::sum));
        }
        return new NodeInfo(node, pods.size(), requested, nonZero, ports, replicas);
    }

    public Node node() {
        return node;
    }

    public String name() {
        return node.getMetadata().getName();
    }

    public int podCount() {
        return podCount;
    }

    public PodRequests requested() {
        return requested;
    }

    /** Requests summed with a zero cpu or memory request counted as {@link Scores}' default, as scoring sees them. */
    public PodRequests nonZeroRequested() {
        return nonZeroRequested;
    }

    /** "protocol/port" of each host port in use, with the number of pods holding it. */
    public Map<String, Integer> hostPorts() {
        return hostPorts;
    }

    public Map<String, Integer> replicasByController() {
        return replicasByController;
    }

    public long replicasOf(String controllerUid) {
        return replicasByController.getOrDefault(controllerUid, 0);
    }

    /** This node with one more pod on it. */
    public NodeInfo with(Pod pod) {
        return with(PodUsage.of(pod));
    }

    NodeInfo with(PodUsage usage) {
        Map<String, Integer> ports = new HashMap<>(hostPorts);
        usage.hostPorts().forEach(p -> ports.merge(p, 1, Integer::sum));
        Map<String, Integer> replicas = new HashMap<>(replicasByController);
        usage.controllerUid().ifPresent(uid -> replicas.merge(uid, 1, Integer::sum));
        return new NodeInfo(node, podCount + 1, requested.plus(usage.requests()),
                nonZeroRequested.plus(usage.nonZero()), ports, replicas);
    }

    public long allocatableMilliCpu() {
        return allocatableMilliCpu;
    }

    public long allocatableMemory() {
        return allocatableMemory;
    }

    public long allocatablePods() {
        return allocatablePods;
    }

    private static Optional<Quantity> allocatable(Node node, String resource) {
        Map<String, Quantity> allocatable = node.getStatus() == null ? null : node.getStatus().getAllocatable();
        return allocatable == null ? Optional.empty() : Optional.ofNullable(allocatable.get(resource));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeInfo other && node.equals(other.node) && podCount == other.podCount
                && requested.equals(other.requested) && nonZeroRequested.equals(other.nonZeroRequested)
                && hostPorts.equals(other.hostPorts) && replicasByController.equals(other.replicasByController);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name(), podCount, requested, nonZeroRequested, hostPorts, replicasByController);
    }

    @Override
    public String toString() {
        return "NodeInfo[" + name() + ", pods=" + podCount + ", requested=" + requested + ", nonZero="
                + nonZeroRequested + ", hostPorts=" + hostPorts + ", replicas=" + replicasByController + "]";
    }
}

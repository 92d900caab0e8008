package io.capstan.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One node and the pods bound or assumed on it, with what those pods request in total. */
public record NodeInfo(Node node, List<Pod> pods, PodRequests requested) {
    public NodeInfo {
        pods = List.copyOf(pods);
    }

    public static NodeInfo of(Node node, List<Pod> pods) {
        PodRequests requested = PodRequests.NONE;
        for (Pod pod : pods) {
            requested = requested.plus(PodRequests.of(pod));
        }
        return new NodeInfo(node, pods, requested);
    }

    public String name() {
        return node.getMetadata().getName();
    }

    /** This node with one more pod on it. */
    public NodeInfo with(Pod pod) {
        List<Pod> more = new java.util.ArrayList<>(pods);
        more.add(pod);
        return new NodeInfo(node, more, requested.plus(PodRequests.of(pod)));
    }

    public long allocatableMilliCpu() {
        return allocatable("cpu").map(PodRequests::milliCpu).orElse(0L);
    }

    public long allocatableMemory() {
        return allocatable("memory").map(PodRequests::bytes).orElse(0L);
    }

    public long allocatablePods() {
        return allocatable("pods").map(q -> PodRequests.bytes(q)).orElse(0L);
    }

    private Optional<Quantity> allocatable(String resource) {
        Map<String, Quantity> allocatable = node.getStatus() == null ? null : node.getStatus().getAllocatable();
        return allocatable == null ? Optional.empty() : Optional.ofNullable(allocatable.get(resource));
    }
}

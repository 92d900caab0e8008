package io.capstan.scheduler;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Node scores from 0 to 100, higher is better. */
public final class Scores {
    /** Upstream's {@code DefaultMilliCPURequest} and {@code DefaultMemoryRequest}: what a pod without requests counts as when scoring. */
    static final long DEFAULT_MILLI_CPU = 100;
    static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    private Scores() {
    }

    /**
     * {@code NodeResourcesFit} with the LeastAllocated strategy: the mean over cpu and memory of the share left free
     * once the pod is placed. Example: 4 cpu allocatable, 1 requested, pod asks 1 → cpu 50; memory 8Gi, 2Gi
     * requested, pod asks 2Gi → 50; score 50.
     */
    public static long leastAllocated(Pod pod, NodeInfo info) {
        return leastAllocated(PodUsage.of(pod), info);
    }

    static long leastAllocated(PodUsage usage, NodeInfo info) {
        long cpu = free(info.allocatableMilliCpu(), info.nonZeroRequested().milliCpu() + usage.nonZero().milliCpu());
        long memory = free(info.allocatableMemory(), info.nonZeroRequested().memory() + usage.nonZero().memory());
        return (cpu + memory) / 2;
    }

    /**
     * Spreading of one controller's replicas (upstream's default topology spreading over hostnames, in the simpler
     * form of the former {@code SelectorSpread}): 100 × (most replicas on any candidate − replicas here) / most.
     */
    public static Map<String, Long> spread(Pod pod, List<NodeInfo> candidates) {
        return spread(controllerUid(pod), candidates);
    }

    static Map<String, Long> spread(Optional<String> owner, List<NodeInfo> candidates) {
        Map<String, Long> counts = candidates.stream().collect(Collectors.toMap(NodeInfo::name,
                n -> owner.map(n::replicasOf).orElse(0L)));
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> max == 0 ? 100 : 100 * (max - e.getValue()) / max));
    }

    static Optional<String> controllerUid(Pod pod) {
        return PodRequests.orEmpty(pod.getMetadata().getOwnerReferences()).stream()
                .filter(r -> Boolean.TRUE.equals(r.getController())).map(OwnerReference::getUid).findFirst();
    }

    private static long free(long capacity, long requested) {
        return capacity <= 0 || requested > capacity ? 0 : (capacity - requested) * 100 / capacity;
    }
}

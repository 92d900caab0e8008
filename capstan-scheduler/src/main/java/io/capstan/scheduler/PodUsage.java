package io.capstan.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;
import java.util.Set;

/**
 * What one pod contributes to its node's aggregates, worked out once per pod version (parsing quantities is the
 * costly part): its requests, the same with {@link Scores}' defaults for a zero cpu or memory request, its host
 * ports and the uid of its controller (empty when it has none).
 */
public record PodUsage(PodRequests requests, PodRequests nonZero, Set<String> hostPorts,
                       Optional<String> controllerUid) {
    public PodUsage {
        hostPorts = Set.copyOf(hostPorts);
    }

    public static PodUsage of(Pod pod) {
        PodRequests requests = PodRequests.of(pod);
        PodRequests nonZero = new PodRequests(requests.milliCpu() == 0 ? Scores.DEFAULT_MILLI_CPU : requests.milliCpu(),
                requests.memory() == 0 ? Scores.DEFAULT_MEMORY : requests.memory());
        Set<String> ports = pod.getSpec() == null ? Set.of() : Filters.hostPorts(pod);
        Optional<String> uid = pod.getMetadata() == null ? Optional.empty() : Scores.controllerUid(pod);
        return new PodUsage(requests, nonZero, ports, uid);
    }
}

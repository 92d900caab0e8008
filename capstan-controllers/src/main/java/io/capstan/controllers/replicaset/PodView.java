package io.capstan.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the deletion order looks at in a pod.
 *
 * @param nodeName        {@code spec.nodeName}, empty when not scheduled
 * @param phase           {@code status.phase}, empty string when unset
 * @param readySince      last transition of the Ready=True condition, empty when not ready (or unknown)
 * @param deletionCost    the {@code controller.kubernetes.io/pod-deletion-cost} annotation, 0 when missing or invalid
 * @param rank            active pods of the same controller on the same node
 * @param restarts        highest restart count of a regular container
 * @param sidecarRestarts highest restart count of a restartable (sidecar) init container
 * @param created         creation time, empty when unset
 */
public record PodView(String name, String uid, String nodeName, String phase, boolean ready,
                      Optional<Instant> readySince, int deletionCost, int rank, int restarts, int sidecarRestarts,
                      Optional<Instant> created) {
    public static final String DELETION_COST_ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";

    public boolean isAssigned() {
        return !nodeName.isEmpty();
    }

    /** Reads a pod; {@code rank} comes from {@link PodDeletionRanking#ranksByNode}. */
    public static PodView of(Pod pod, int rank) {
        var meta = pod.getMetadata();
        var spec = pod.getSpec();
        var status = pod.getStatus();
        Optional<PodCondition> readyCondition = status == null || status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
        boolean ready = readyCondition.map(c -> "True".equals(c.getStatus())).orElse(false);
        Optional<Instant> readySince = ready
                ? readyCondition.map(PodCondition::getLastTransitionTime).flatMap(PodView::instant) : Optional.empty();
        Set<String> sidecars = spec == null || spec.getInitContainers() == null ? Set.of()
                : spec.getInitContainers().stream().filter(c -> "Always".equals(c.getRestartPolicy()))
                        .map(Container::getName).collect(Collectors.toSet());
        int restarts = status == null ? 0 : maxRestarts(status.getContainerStatuses(), null);
        int sidecarRestarts = status == null ? 0 : maxRestarts(status.getInitContainerStatuses(), sidecars);
        return new PodView(meta.getName(), meta.getUid() == null ? "" : meta.getUid(),
                spec == null || spec.getNodeName() == null ? "" : spec.getNodeName(),
                status == null || status.getPhase() == null ? "" : status.getPhase(), ready, readySince,
                deletionCost(meta.getAnnotations()), rank, restarts, sidecarRestarts, instant(meta.getCreationTimestamp()));
    }

    /** {@code GetDeletionCostFromPodAnnotations}, with errors read as the default 0 as the ReplicaSet controller does. */
    static int deletionCost(Map<String, String> annotations) {
        String value = annotations == null ? null : annotations.get(DELETION_COST_ANNOTATION);
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int maxRestarts(List<ContainerStatus> statuses, Set<String> only) {
        if (statuses == null) {
            return 0;
        }
        return statuses.stream().filter(s -> only == null || only.contains(s.getName()))
                .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).max().orElse(0);
    }

    private static Optional<Instant> instant(String timestamp) {
        return timestamp == null || timestamp.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(timestamp));
    }
}

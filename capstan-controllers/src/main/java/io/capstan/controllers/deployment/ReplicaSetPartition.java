package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's owned ReplicaSets split into the new one and the old ones (DU {@code FindNewReplicaSet},
 * {@code FindOldReplicaSets}): the new ReplicaSet is the oldest whose pod template equals the Deployment's, ignoring the
 * pod-template-hash label, so when several match the oldest wins and a rollback re-uses the earlier ReplicaSet.
 *
 * @param newReplicaSet the ReplicaSet running the current template, if one exists
 * @param old           every other owned ReplicaSet, oldest first
 */
public record ReplicaSetPartition(Optional<ReplicaSet> newReplicaSet, List<ReplicaSet> old) {
    /** {@code controller.ReplicaSetsByCreationTimestamp}: oldest first, name as tie-breaker. */
    public static final Comparator<ReplicaSet> OLDEST_FIRST = Comparator
            .comparing((ReplicaSet rs) -> created(rs.getMetadata().getCreationTimestamp()))
            .thenComparing(rs -> rs.getMetadata().getName());

    public ReplicaSetPartition {
        old = List.copyOf(old);
    }

    public static ReplicaSetPartition of(Deployment d, List<ReplicaSet> owned) {
        List<ReplicaSet> sorted = new ArrayList<>(owned);
        sorted.sort(OLDEST_FIRST);
        PodTemplateSpec template = d.getSpec().getTemplate();
        Optional<ReplicaSet> newRS = sorted.stream()
                .filter(rs -> rs.getSpec() != null && PodTemplateHash.equalIgnoreHash(rs.getSpec().getTemplate(), template))
                .findFirst();
        List<ReplicaSet> old = sorted.stream().filter(rs -> newRS.map(n -> n != rs).orElse(true)).toList();
        return new ReplicaSetPartition(newRS, old);
    }

    /**
     * {@code isScalingEvent}: some active ReplicaSet records a desired size (annotation) other than spec.replicas, so
     * the Deployment was scaled rather than changed.
     */
    public static boolean isScalingEvent(Deployment d, List<ReplicaSetState> replicaSets) {
        int desired = RolloutMath.replicas(d);
        return replicaSets.stream().filter(ReplicaSetState::isActive)
                .map(rs -> rs.intAnnotation(DeploymentAnnotations.DESIRED_REPLICAS))
                .flatMap(Optional::stream)
                .anyMatch(annotated -> annotated != desired);
    }

    private static Instant created(String timestamp) {
        return timestamp == null || timestamp.isEmpty() ? Instant.EPOCH : Instant.parse(timestamp);
    }
}

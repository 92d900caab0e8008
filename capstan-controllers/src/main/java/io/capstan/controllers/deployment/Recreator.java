package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Recreate strategy ({@code recreate.go}): scale every old ReplicaSet to 0, wait until none of their pods is
 * running (status.replicas of every old RS is 0 and no pod they control is in a phase other than Succeeded/Failed;
 * an unknown phase counts as running), then create or scale the new ReplicaSet straight to spec.replicas.
 */
final class Recreator {
    private final ReplicaSetSync replicaSets;
    private final ReplicaSetWriter writer;
    private final HistoryCleaner cleaner;
    private final StatusSync status;
    private final Function<String, List<Pod>> podsInNamespace;

    Recreator(ReplicaSetSync replicaSets, ReplicaSetWriter writer, HistoryCleaner cleaner, StatusSync status,
              Function<String, List<Pod>> podsInNamespace) {
        this.replicaSets = replicaSets;
        this.writer = writer;
        this.cleaner = cleaner;
        this.status = status;
        this.podsInNamespace = podsInNamespace;
    }

    Optional<Duration> rollout(SyncState state) {
        Optional<ReplicaSet> newRS = replicaSets.sync(state, false);
        boolean scaled = false;
        for (ReplicaSet rs : state.partition().old()) {
            if (ReplicaSetWriter.replicas(rs) > 0) {
                scaled |= writer.scaleIfDifferent(state, rs, 0);
            }
        }
        if (scaled || oldPodsRunning(state)) {
            return status.syncRolloutStatus(state);
        }
        ReplicaSet current = newRS.isPresent() ? newRS.get() : replicaSets.sync(state, true).orElseThrow();
        writer.scaleIfDifferent(state, current, RolloutMath.replicas(state.deployment()));
        Deployment d = state.deployment();
        if (d.getStatus() != null && RolloutMath.deploymentComplete(d, d.getStatus())) {
            cleaner.cleanUp(state);
        }
        return status.syncRolloutStatus(state);
    }

    private boolean oldPodsRunning(SyncState state) {
        List<ReplicaSet> old = state.partition().old();
        if (old.stream().anyMatch(rs -> rs.getStatus() != null && RolloutMath.orZero(rs.getStatus().getReplicas()) > 0)) {
            return true;
        }
        Set<String> oldUids = old.stream().map(rs -> rs.getMetadata().getUid()).collect(Collectors.toSet());
        return podsInNamespace.apply(state.deployment().getMetadata().getNamespace()).stream()
                .filter(p -> p.getMetadata().getOwnerReferences() != null && p.getMetadata().getOwnerReferences().stream()
                        .anyMatch(r -> Boolean.TRUE.equals(r.getController()) && oldUids.contains(r.getUid())))
                .anyMatch(p -> {
                    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
                    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
                });
    }
}

package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a rolling update ({@code rolling.go} {@code rolloutRolling}): grow the new ReplicaSet within maxSurge
 * ({@link RolloutMath#newReplicaSetTarget}); if it did not grow, shrink old ones within maxUnavailable
 * ({@link OldReplicaSetScaleDown}); if nothing scaled and the stored status says the rollout is complete, clean up
 * history. Every path ends with the rollout status. Worked example (10 replicas, 25%/25% = surge 3, unavailable 2):
 * the template changes, the new RS is created at 3 (Σ = 13), and in the same step the old one shrinks 10 → 8 because
 * 10 available exceed the 8 that must stay; further steps follow the new pods becoming available.
 */
final class RollingUpdater {
    private final ReplicaSetSync replicaSets;
    private final ReplicaSetWriter writer;
    private final HistoryCleaner cleaner;
    private final StatusSync status;

    RollingUpdater(ReplicaSetSync replicaSets, ReplicaSetWriter writer, HistoryCleaner cleaner, StatusSync status) {
        this.replicaSets = replicaSets;
        this.writer = writer;
        this.cleaner = cleaner;
        this.status = status;
    }

    Optional<Duration> rollout(SyncState state) {
        ReplicaSet newRS = replicaSets.sync(state, true).orElseThrow();
        Deployment d = state.deployment();
        int total = state.replicaSets().stream().mapToInt(ReplicaSetWriter::podsHeld).sum();
        int target = RolloutMath.newReplicaSetTarget(d, ReplicaSetWriter.replicas(newRS), total);
        if (writer.scaleIfDifferent(state, newRS, target)) {
            return status.syncRolloutStatus(state);
        }
        if (scaleDownOld(state)) {
            return status.syncRolloutStatus(state);
        }
        if (d.getStatus() != null && RolloutMath.deploymentComplete(d, d.getStatus())) {
            cleaner.cleanUp(state);
        }
        return status.syncRolloutStatus(state);
    }

    private boolean scaleDownOld(SyncState state) {
        Deployment d = state.deployment();
        ReplicaSetPartition partition = state.partition();
        ReplicaSet newRS = partition.newReplicaSet().orElseThrow();
        List<ReplicaSet> old = partition.old();
        Map<String, Integer> plan = OldReplicaSetScaleDown.plan(RolloutMath.replicas(d), RolloutMath.maxUnavailable(d),
                ReplicaSetState.of(newRS), old.stream().map(ReplicaSetState::of).toList());
        boolean scaled = false;
        for (ReplicaSet rs : old) {
            Integer size = plan.get(rs.getMetadata().getName());
            if (size != null) {
                scaled |= writer.scaleIfDifferent(state, rs, size);
            }
        }
        return scaled;
    }
}

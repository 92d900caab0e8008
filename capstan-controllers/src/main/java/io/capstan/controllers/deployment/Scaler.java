package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sync of a paused Deployment or of a scaling event ({@code sync.go} {@code sync} and {@code scale}): no rollout
 * step, only proportional resizing of the existing ReplicaSets ({@link ProportionalScaling}), history cleanup when
 * paused, and status.
 */
final class Scaler {
    private final ReplicaSetSync replicaSets;
    private final ReplicaSetWriter writer;
    private final HistoryCleaner cleaner;
    private final StatusSync status;

    Scaler(ReplicaSetSync replicaSets, ReplicaSetWriter writer, HistoryCleaner cleaner, StatusSync status) {
        this.replicaSets = replicaSets;
        this.writer = writer;
        this.cleaner = cleaner;
        this.status = status;
    }

    Optional<Duration> sync(SyncState state) {
        Optional<ReplicaSet> newRS = replicaSets.sync(state, false);
        scale(state, newRS);
        if (Boolean.TRUE.equals(state.deployment().getSpec().getPaused())) {
            cleaner.cleanUp(state);
        }
        return status.syncStatus(state);
    }

    private void scale(SyncState state, Optional<ReplicaSet> newRS) {
        List<ReplicaSet> old = state.partition().old();
        Map<String, Integer> plan = ProportionalScaling.plan(state.deployment(), newRS.map(ReplicaSetState::of),
                old.stream().map(ReplicaSetState::of).toList());
        for (ReplicaSet rs : state.replicaSets()) {
            Integer size = plan.get(rs.getMetadata().getName());
            if (size != null) {
                writer.scale(state, rs, size);
            }
        }
    }
}

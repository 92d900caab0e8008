package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Writes Deployment status through the status subresource, only when it changed ({@code syncDeploymentStatus},
 * {@code syncRolloutStatus}, {@code checkPausedConditions}). The status write also carries the Deployment's
 * annotations, which the status strategy persists; that is how the revision annotation is stored.
 */
final class StatusSync {
    private final KubernetesClient client;
    private final Clock clock;

    StatusSync(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** {@code syncDeploymentStatus}: counts and Available, used by scaling and status-only syncs. */
    Optional<Duration> syncStatus(SyncState state) {
        Deployment d = state.deployment();
        DeploymentStatus next = StatusCalculator.calculate(d, state.newReplicaSet(), state.replicaSets(), clock.instant());
        writeIfChanged(state, next);
        return Optional.empty();
    }

    /** {@code syncRolloutStatus}: also Progressing and ReplicaFailure; returns when to look at the deadline again. */
    Optional<Duration> syncRolloutStatus(SyncState state) {
        Deployment d = state.deployment();
        DeploymentStatus next = StatusCalculator.calculateRollout(d, state.newReplicaSet(), state.replicaSets(),
                clock.instant());
        if (!writeIfChanged(state, next)) {
            return StatusCalculator.progressCheckDelay(d, next, clock.instant());
        }
        // Upstream relies on the status update event to come back and check the deadline then.
        return StatusCalculator.progressCheckDelay(state.deployment(), next, clock.instant());
    }

    /** {@code checkPausedConditions}: Unknown DeploymentPaused / DeploymentResumed, never over a timeout. */
    void syncPausedCondition(SyncState state) {
        Deployment d = state.deployment();
        if (!DeploymentConditions.hasProgressDeadline(d)) {
            return;
        }
        Optional<DeploymentCondition> current = DeploymentConditions.get(d.getStatus(), DeploymentConditions.PROGRESSING);
        if (current.isPresent() && DeploymentConditions.TIMED_OUT.equals(current.get().getReason())) {
            return;
        }
        boolean pausedCondition = current.isPresent() && DeploymentConditions.PAUSED.equals(current.get().getReason());
        boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
        Deployment copy = SyncState.copy(d);
        DeploymentStatus status = statusOf(copy);
        if (paused && !pausedCondition) {
            DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "Unknown",
                    DeploymentConditions.PAUSED, "Deployment is paused", clock.instant()));
        } else if (!paused && pausedCondition) {
            DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "Unknown",
                    DeploymentConditions.RESUMED, "Deployment is resumed", clock.instant()));
        } else {
            return;
        }
        write(state, copy);
    }

    /** Writes {@code next} as the status when it differs from the stored one; true if it wrote. */
    boolean writeIfChanged(SyncState state, DeploymentStatus next) {
        if (StatusCalculator.same(state.deployment().getStatus(), next)) {
            return false;
        }
        Deployment copy = SyncState.copy(state.deployment());
        copy.setStatus(next);
        write(state, copy);
        return true;
    }

    /** Writes the status (and annotations) of {@code changed}, a private copy. */
    void write(SyncState state, Deployment changed) {
        Deployment stored = client.apps().deployments().inNamespace(changed.getMetadata().getNamespace())
                .resource(changed).updateStatus();
        state.deployment(stored);
    }

    static DeploymentStatus statusOf(Deployment d) {
        if (d.getStatus() == null) {
            d.setStatus(new DeploymentStatus());
        }
        return d.getStatus();
    }
}

package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The Deployment status a sync should leave behind ({@code sync.go} {@code calculateStatus}, {@code progress.go}
 * {@code syncRolloutStatus}, {@code requeueStuckDeployment}). Pure: the caller passes the clock's instant and writes the
 * result when {@link #same} says it differs from the stored status.
 */
final class StatusCalculator {
    private StatusCalculator() {
    }

    /** {@code calculateStatus}: counts from the ReplicaSets plus the Available condition; other conditions carried over. */
    static DeploymentStatus calculate(Deployment d, Optional<ReplicaSet> newRS, List<ReplicaSet> all, Instant now) {
        int available = sum(all, s -> s.getAvailableReplicas());
        int specTotal = all.stream().mapToInt(rs -> RolloutMath.orZero(rs.getSpec().getReplicas())).sum();
        DeploymentStatus previous = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        List<DeploymentCondition> conditions = previous.getConditions() == null ? List.of() : previous.getConditions();
        DeploymentStatus status = new DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(sum(all, ReplicaSetStatus::getReplicas))
                .withUpdatedReplicas(sum(newRS.stream().toList(), ReplicaSetStatus::getReplicas))
                .withReadyReplicas(sum(all, ReplicaSetStatus::getReadyReplicas))
                .withAvailableReplicas(available)
                .withUnavailableReplicas(Math.max(0, specTotal - available))
                .withCollisionCount(previous.getCollisionCount())
                .withConditions(new ArrayList<>(conditions.stream().map(c -> new DeploymentConditionBuilder(c).build()).toList()))
                .build();
        if (available >= RolloutMath.replicas(d) - RolloutMath.maxUnavailable(d)) {
            DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.AVAILABLE, "True",
                    DeploymentConditions.MIN_AVAILABLE, "Deployment has minimum availability.", now));
        } else {
            DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.AVAILABLE, "False",
                    DeploymentConditions.MIN_UNAVAILABLE, "Deployment does not have minimum availability.", now));
        }
        return status;
    }

    /** {@code syncRolloutStatus}: {@link #calculate} plus Progressing and ReplicaFailure. */
    static DeploymentStatus calculateRollout(Deployment d, Optional<ReplicaSet> newRS, List<ReplicaSet> all, Instant now) {
        DeploymentStatus status = calculate(d, newRS, all, now);
        if (!DeploymentConditions.hasProgressDeadline(d)) {
            DeploymentConditions.remove(status, DeploymentConditions.PROGRESSING);
        }
        Optional<DeploymentCondition> current = DeploymentConditions.get(status, DeploymentConditions.PROGRESSING);
        boolean complete = isSettledComplete(status, current);
        if (DeploymentConditions.hasProgressDeadline(d) && !complete) {
            String subject = newRS.map(rs -> "ReplicaSet \"" + rs.getMetadata().getName() + "\"")
                    .orElse("Deployment \"" + d.getMetadata().getName() + "\"");
            if (RolloutMath.deploymentComplete(d, status)) {
                DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "True",
                        DeploymentConditions.NEW_RS_AVAILABLE, subject + " has successfully progressed.", now));
            } else if (isProgressing(d, status)) {
                // Unlike other conditions, progress refreshes lastUpdateTime even when the reason stays the same.
                DeploymentCondition condition = DeploymentConditions.create(DeploymentConditions.PROGRESSING, "True",
                        DeploymentConditions.RS_UPDATED, subject + " is progressing.", now);
                if (current.isPresent()) {
                    if ("True".equals(current.get().getStatus())) {
                        condition.setLastTransitionTime(current.get().getLastTransitionTime());
                    }
                    DeploymentConditions.remove(status, DeploymentConditions.PROGRESSING);
                }
                DeploymentConditions.set(status, condition);
            } else if (timedOut(d, status, now)) {
                DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.PROGRESSING, "False",
                        DeploymentConditions.TIMED_OUT, subject + " has timed out progressing.", now));
            }
        }
        Optional<ReplicaSetCondition> failure = replicaFailure(newRS, all);
        if (failure.isPresent()) {
            DeploymentConditions.set(status, DeploymentConditions.create(DeploymentConditions.REPLICA_FAILURE,
                    failure.get().getStatus(), failure.get().getReason(), failure.get().getMessage(), now));
        } else {
            DeploymentConditions.remove(status, DeploymentConditions.REPLICA_FAILURE);
        }
        return status;
    }

    /**
     * {@code requeueStuckDeployment}: when the rollout is still expected to progress, the delay after which the
     * deadline would pass (lastUpdateTime + deadline + 1 s); zero when that is less than a second away.
     */
    static Optional<Duration> progressCheckDelay(Deployment d, DeploymentStatus status, Instant now) {
        Optional<DeploymentCondition> current = DeploymentConditions.get(status, DeploymentConditions.PROGRESSING);
        if (!DeploymentConditions.hasProgressDeadline(d) || current.isEmpty() || isSettledComplete(status, current)
                || DeploymentConditions.TIMED_OUT.equals(current.get().getReason())
                || current.get().getLastUpdateTime() == null) {
            return Optional.empty();
        }
        Instant deadline = Instant.parse(current.get().getLastUpdateTime())
                .plusSeconds(d.getSpec().getProgressDeadlineSeconds());
        Duration after = Duration.between(now, deadline);
        return Optional.of(after.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ZERO : after.plusSeconds(1));
    }

    /** Status equality as stored: zero counts and absent ones are the same (Go omits zero ints). */
    static boolean same(DeploymentStatus a, DeploymentStatus b) {
        DeploymentStatus x = a == null ? new DeploymentStatus() : a;
        DeploymentStatus y = b == null ? new DeploymentStatus() : b;
        return Stream.<Function<DeploymentStatus, Integer>>of(DeploymentStatus::getReplicas,
                        DeploymentStatus::getUpdatedReplicas, DeploymentStatus::getReadyReplicas,
                        DeploymentStatus::getAvailableReplicas, DeploymentStatus::getUnavailableReplicas)
                .allMatch(f -> RolloutMath.orZero(f.apply(x)) == RolloutMath.orZero(f.apply(y)))
                && orZero(x.getObservedGeneration()) == orZero(y.getObservedGeneration())
                && Objects.equals(x.getCollisionCount(), y.getCollisionCount())
                && Objects.equals(conditions(x), conditions(y));
    }

    private static List<DeploymentCondition> conditions(DeploymentStatus s) {
        return s.getConditions() == null ? List.of() : s.getConditions();
    }

    /** Once NewReplicaSetAvailable with every replica updated, progress is no longer estimated. */
    private static boolean isSettledComplete(DeploymentStatus status, Optional<DeploymentCondition> progressing) {
        return RolloutMath.orZero(status.getReplicas()) == RolloutMath.orZero(status.getUpdatedReplicas())
                && progressing.map(c -> DeploymentConditions.NEW_RS_AVAILABLE.equals(c.getReason())).orElse(false);
    }

    /** {@code DeploymentProgressing}: more updated, fewer old, more ready or more available replicas than stored. */
    static boolean isProgressing(Deployment d, DeploymentStatus next) {
        DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        int oldOld = RolloutMath.orZero(old.getReplicas()) - RolloutMath.orZero(old.getUpdatedReplicas());
        int newOld = RolloutMath.orZero(next.getReplicas()) - RolloutMath.orZero(next.getUpdatedReplicas());
        return RolloutMath.orZero(next.getUpdatedReplicas()) > RolloutMath.orZero(old.getUpdatedReplicas())
                || newOld < oldOld
                || RolloutMath.orZero(next.getReadyReplicas()) > RolloutMath.orZero(old.getReadyReplicas())
                || RolloutMath.orZero(next.getAvailableReplicas()) > RolloutMath.orZero(old.getAvailableReplicas());
    }

    /** {@code DeploymentTimedOut}: lastUpdateTime + deadline is strictly before now. */
    static boolean timedOut(Deployment d, DeploymentStatus status, Instant now) {
        Optional<DeploymentCondition> c = DeploymentConditions.get(status, DeploymentConditions.PROGRESSING);
        if (!DeploymentConditions.hasProgressDeadline(d) || c.isEmpty()
                || DeploymentConditions.NEW_RS_AVAILABLE.equals(c.get().getReason())) {
            return false;
        }
        if (DeploymentConditions.TIMED_OUT.equals(c.get().getReason())) {
            return true;
        }
        if (c.get().getLastUpdateTime() == null) {
            return false;
        }
        Instant from = Instant.parse(c.get().getLastUpdateTime());
        return from.plusSeconds(d.getSpec().getProgressDeadlineSeconds()).isBefore(now);
    }

    /** {@code getReplicaFailures}: the new RS's ReplicaFailure condition first, else any RS's. */
    private static Optional<ReplicaSetCondition> replicaFailure(Optional<ReplicaSet> newRS, List<ReplicaSet> all) {
        List<ReplicaSet> order = new ArrayList<>(newRS.stream().toList());
        order.addAll(all);
        return order.stream().filter(rs -> rs.getStatus() != null && rs.getStatus().getConditions() != null)
                .flatMap(rs -> rs.getStatus().getConditions().stream())
                .filter(c -> DeploymentConditions.REPLICA_FAILURE.equals(c.getType()))
                .findFirst();
    }

    private static int sum(List<ReplicaSet> rss, Function<ReplicaSetStatus, Integer> field) {
        return rss.stream().filter(rs -> rs.getStatus() != null)
                .mapToInt(rs -> RolloutMath.orZero(field.apply(rs.getStatus()))).sum();
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}

package io.capstan.controllers.replicaset;

import io.capstan.controllers.LabelSelectors;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code calculateStatus} and {@code IsPodAvailable}: the ReplicaSet status that the owned active pods imply, and when
 * a ready pod will next become available so the controller can look again then.
 */
final class ReplicaSetStatusCalculator {
    static final String REPLICA_FAILURE = "ReplicaFailure";

    /** The new status, and the delay after which a ready-but-not-yet-available pod turns available. */
    record Calculated(ReplicaSetStatus status, Optional<Duration> nextAvailable) {
    }

    private ReplicaSetStatusCalculator() {
    }

    /**
     * @param owned       active pods the ReplicaSet owns (counted before this sync's creations and deletions)
     * @param scaleError  what stopped manageReplicas, if anything
     */
    static Calculated calculate(ReplicaSet rs, List<Pod> owned, Optional<RuntimeException> scaleError, Instant now) {
        var templateMeta = rs.getSpec().getTemplate() == null ? null : rs.getSpec().getTemplate().getMetadata();
        var templateLabels = templateMeta == null ? null : templateMeta.getLabels();
        int minReadySeconds = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        Optional<Duration> nextAvailable = Optional.empty();
        for (Pod pod : owned) {
            if (LabelSelectors.containsAll(pod.getMetadata().getLabels(), templateLabels)) {
                fullyLabeled++;
            }
            Optional<PodCondition> readyCondition = readyCondition(pod);
            if (readyCondition.isEmpty()) {
                continue;
            }
            ready++;
            Optional<Instant> since = Optional.ofNullable(readyCondition.get().getLastTransitionTime())
                    .filter(t -> !t.isEmpty()).map(Instant::parse);
            if (minReadySeconds == 0) {
                available++;
            } else if (since.isPresent()) {
                Instant availableAfter = since.get().plusSeconds(minReadySeconds);
                if (availableAfter.isBefore(now)) {
                    available++;
                } else {
                    // Strictly after availableAfter; one second later keeps the requeue clear of the boundary.
                    Duration wait = Duration.between(now, availableAfter).plusSeconds(1);
                    nextAvailable = nextAvailable.filter(d -> d.compareTo(wait) <= 0).or(() -> Optional.of(wait));
                }
            }
        }
        List<ReplicaSetCondition> conditions = new ArrayList<>(
                rs.getStatus() == null || rs.getStatus().getConditions() == null ? List.of() : rs.getStatus().getConditions());
        boolean hasFailure = conditions.stream().anyMatch(c -> REPLICA_FAILURE.equals(c.getType()));
        if (scaleError.isPresent() && !hasFailure) {
            int diff = owned.size() - ReplicaScaler.desired(rs);
            String reason = diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : "";
            conditions.add(new ReplicaSetConditionBuilder().withType(REPLICA_FAILURE).withStatus("True")
                    .withReason(reason).withMessage(messageOf(scaleError.get())).withLastTransitionTime(timestamp(now))
                    .build());
        } else if (scaleError.isEmpty() && hasFailure) {
            conditions.removeIf(c -> REPLICA_FAILURE.equals(c.getType()));
        }
        ReplicaSetStatus status = new ReplicaSetStatusBuilder()
                .withReplicas(owned.size())
                .withFullyLabeledReplicas(fullyLabeled)
                .withReadyReplicas(ready)
                .withAvailableReplicas(available)
                .withObservedGeneration(rs.getMetadata().getGeneration())
                .withConditions(conditions.isEmpty() ? null : conditions)
                .build();
        return new Calculated(status, nextAvailable);
    }

    /** Equal counts, generation and conditions, with absent ints read as 0 as they are on the wire. */
    static boolean same(ReplicaSetStatus a, ReplicaSetStatus b) {
        if (a == null || b == null) {
            return a == b;
        }
        return zero(a.getReplicas()) == zero(b.getReplicas())
                && zero(a.getFullyLabeledReplicas()) == zero(b.getFullyLabeledReplicas())
                && zero(a.getReadyReplicas()) == zero(b.getReadyReplicas())
                && zero(a.getAvailableReplicas()) == zero(b.getAvailableReplicas())
                && Objects.equals(zero(a.getObservedGeneration()), zero(b.getObservedGeneration()))
                && Objects.equals(conditionsOf(a), conditionsOf(b));
    }

    private static List<ReplicaSetCondition> conditionsOf(ReplicaSetStatus status) {
        return status.getConditions() == null ? List.of() : status.getConditions();
    }

    /** {@code IsPodReady}: the Ready condition is True. */
    private static Optional<PodCondition> readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private static int zero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long zero(Long value) {
        return value == null ? 0 : value;
    }

    private static String messageOf(RuntimeException e) {
        return e instanceof KubernetesClientException k ? ReplicaScaler.message(k)
                : String.valueOf(e.getMessage());
    }

    private static String timestamp(Instant now) {
        return DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    }
}

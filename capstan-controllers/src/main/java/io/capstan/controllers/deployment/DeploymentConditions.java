package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Condition types, reasons and the condition list operations of DU ({@code SetDeploymentCondition} and friends). */
final class DeploymentConditions {
    static final String PROGRESSING = "Progressing";
    static final String AVAILABLE = "Available";
    static final String REPLICA_FAILURE = "ReplicaFailure";

    static final String NEW_RS_CREATED = "NewReplicaSetCreated";
    static final String FOUND_NEW_RS = "FoundNewReplicaSet";
    static final String RS_UPDATED = "ReplicaSetUpdated";
    static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
    static final String TIMED_OUT = "ProgressDeadlineExceeded";
    static final String FAILED_RS_CREATE = "ReplicaSetCreateError";
    static final String PAUSED = "DeploymentPaused";
    static final String RESUMED = "DeploymentResumed";
    static final String MIN_AVAILABLE = "MinimumReplicasAvailable";
    static final String MIN_UNAVAILABLE = "MinimumReplicasUnavailable";

    private DeploymentConditions() {
    }

    static DeploymentCondition create(String type, String status, String reason, String message, Instant now) {
        String time = timestamp(now);
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastUpdateTime(time).withLastTransitionTime(time).build();
    }

    static String timestamp(Instant now) {
        return DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    }

    static Optional<DeploymentCondition> get(DeploymentStatus status, String type) {
        if (status == null || status.getConditions() == null) {
            return Optional.empty();
        }
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /**
     * {@code SetDeploymentCondition}: nothing happens when status and reason are unchanged; with the same status the
     * original lastTransitionTime is kept. The condition replaces any of its type and goes to the end of the list.
     */
    static void set(DeploymentStatus status, DeploymentCondition condition) {
        Optional<DeploymentCondition> current = get(status, condition.getType());
        if (current.isPresent() && current.get().getStatus().equals(condition.getStatus())
                && current.get().getReason() != null && current.get().getReason().equals(condition.getReason())) {
            return;
        }
        DeploymentCondition toSet = condition;
        if (current.isPresent() && current.get().getStatus().equals(condition.getStatus())) {
            toSet = new DeploymentConditionBuilder(condition)
                    .withLastTransitionTime(current.get().getLastTransitionTime()).build();
        }
        remove(status, condition.getType());
        List<DeploymentCondition> list = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        list.add(toSet);
        status.setConditions(list);
    }

    static void remove(DeploymentStatus status, String type) {
        if (status.getConditions() == null) {
            return;
        }
        status.setConditions(new ArrayList<>(status.getConditions().stream().filter(c -> !type.equals(c.getType())).toList()));
    }

    /** {@code HasProgressDeadline}: set and not MaxInt32. */
    static boolean hasProgressDeadline(Deployment d) {
        Integer seconds = d.getSpec().getProgressDeadlineSeconds();
        return seconds != null && seconds != Integer.MAX_VALUE;
    }
}

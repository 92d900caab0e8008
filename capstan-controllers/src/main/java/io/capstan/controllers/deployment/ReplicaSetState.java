package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The few facts about a ReplicaSet that rollout arithmetic needs: its name and age (for ordering), spec and available
 * replica counts, and its annotations (revision, desired-replicas, max-replicas).
 *
 * @param created creation time; {@link Instant#EPOCH} when unset, which sorts it first as Go's zero time does
 */
public record ReplicaSetState(String name, Instant created, int replicas, int availableReplicas,
                              Map<String, String> annotations) {
    /** {@code controller.ReplicaSetsByCreationTimestamp}: oldest first, name as tie-breaker. */
    public static final Comparator<ReplicaSetState> OLDEST_FIRST =
            Comparator.comparing(ReplicaSetState::created).thenComparing(ReplicaSetState::name);

    public ReplicaSetState {
        annotations = Map.copyOf(annotations);
    }

    public static ReplicaSetState of(String name, Instant created, int replicas, int availableReplicas) {
        return new ReplicaSetState(name, created, replicas, availableReplicas, Map.of());
    }

    public static ReplicaSetState of(ReplicaSet rs) {
        ObjectMeta meta = rs.getMetadata();
        String ts = meta.getCreationTimestamp();
        Instant created = ts == null || ts.isEmpty() ? Instant.EPOCH : Instant.parse(ts);
        Integer spec = rs.getSpec() == null ? null : rs.getSpec().getReplicas();
        Integer available = rs.getStatus() == null ? null : rs.getStatus().getAvailableReplicas();
        return new ReplicaSetState(meta.getName(), created, spec == null ? 1 : spec, available == null ? 0 : available,
                meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
    }

    public ReplicaSetState withReplicas(int newReplicas) {
        return new ReplicaSetState(name, created, newReplicas, availableReplicas, annotations);
    }

    public boolean isActive() {
        return replicas > 0;
    }

    /** An integer annotation, empty when missing or not an int (upstream {@code strconv.Atoi} failing). */
    public Optional<Integer> intAnnotation(String key) {
        String v = annotations.get(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

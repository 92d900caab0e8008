package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which old ReplicaSets {@code revisionHistoryLimit} lets the controller delete ({@code sync.go}
 * {@code cleanupDeployment}): of the old ReplicaSets not already being deleted, the {@code count − limit} lowest
 * revisions are considered, and only those that are fully scaled down and whose status is current are deleted.
 */
public final class HistoryCleanup {
    private HistoryCleanup() {
    }

    /** The ReplicaSets to delete, lowest revision first; empty when the limit is unset or MaxInt32. */
    public static List<ReplicaSet> deletable(Deployment d, List<ReplicaSet> oldReplicaSets) {
        Integer limit = d.getSpec().getRevisionHistoryLimit();
        if (limit == null || limit == Integer.MAX_VALUE) {
            return List.of();
        }
        List<ReplicaSet> candidates = new ArrayList<>(oldReplicaSets.stream()
                .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null).toList());
        int diff = candidates.size() - limit;
        if (diff <= 0) {
            return List.of();
        }
        sortByRevision(candidates);
        return candidates.subList(0, diff).stream().filter(HistoryCleanup::isIdle).toList();
    }

    private static boolean isIdle(ReplicaSet rs) {
        int spec = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
        int statusReplicas = rs.getStatus() == null ? 0 : RolloutMath.orZero(rs.getStatus().getReplicas());
        long generation = rs.getMetadata().getGeneration() == null ? 0 : rs.getMetadata().getGeneration();
        Long observed = rs.getStatus() == null ? null : rs.getStatus().getObservedGeneration();
        return spec == 0 && statusReplicas == 0 && generation <= (observed == null ? 0 : observed);
    }

    /**
     * {@code ReplicaSetsByRevision}: revision ascending, falling back to creation time then name when the revisions are
     * equal or either is unparsable. That relation is not transitive, so a stable insertion sort applies it pairwise
     * instead of a library sort that may reject it.
     */
    static void sortByRevision(List<ReplicaSet> list) {
        for (int i = 1; i < list.size(); i++) {
            ReplicaSet current = list.get(i);
            int j = i - 1;
            while (j >= 0 && less(current, list.get(j))) {
                list.set(j + 1, list.get(j));
                j--;
            }
            list.set(j + 1, current);
        }
    }

    static boolean less(ReplicaSet a, ReplicaSet b) {
        Optional<Long> ra = Revisions.revision(a);
        Optional<Long> rb = Revisions.revision(b);
        if (ra.isEmpty() || rb.isEmpty() || ra.get().equals(rb.get())) {
            return olderThan(a, b);
        }
        return ra.get() < rb.get();
    }

    private static boolean olderThan(ReplicaSet a, ReplicaSet b) {
        Instant ca = created(a);
        Instant cb = created(b);
        if (!ca.equals(cb)) {
            return ca.isBefore(cb);
        }
        return a.getMetadata().getName().compareTo(b.getMetadata().getName()) < 0;
    }

    private static Instant created(ReplicaSet rs) {
        String ts = rs.getMetadata().getCreationTimestamp();
        return ts == null || ts.isEmpty() ? Instant.EPOCH : Instant.parse(ts);
    }
}

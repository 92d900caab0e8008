package io.capstan.controllers.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far old ReplicaSets shrink in one rolling-update step ({@code rolling.go} {@code reconcileOldReplicaSets}).
 *
 * <p>Two budgets apply in turn. First, pods that are not available anyway may go, as long as the total does not fall
 * below what must stay ({@code maxScaledDown = allPods − minAvailable − unavailable pods of the new RS}); this is
 * {@code cleanupUnhealthyReplicas}. Then available old pods may go as long as Σ available stays ≥ minAvailable; this is
 * {@code scaleDownOldReplicaSetsForRollingUpdate}, and it is limited only by availability. Worked example (10 replicas,
 * surge 3, maxUnavailable 2): old 10 available, new RS just created at 3 with none available → maxScaledDown =
 * 13 − 8 − 3 = 2 > 0, no unhealthy old pods, availability budget 10 − 8 = 2 → old goes 10 → 8.
 */
public final class OldReplicaSetScaleDown {
    private OldReplicaSetScaleDown() {
    }

    /**
     * The new sizes of the old ReplicaSets, keyed by name, only for those that change; empty when nothing scales.
     *
     * @param desired        spec.replicas of the Deployment
     * @param maxUnavailable {@link RolloutMath#maxUnavailable} of the Deployment
     * @param newRS          the new ReplicaSet
     * @param oldRSs         the old ReplicaSets (inactive ones are ignored)
     */
    public static Map<String, Integer> plan(int desired, int maxUnavailable, ReplicaSetState newRS,
                                            List<ReplicaSetState> oldRSs) {
        List<ReplicaSetState> old = new ArrayList<>(oldRSs.stream().filter(ReplicaSetState::isActive).toList());
        int oldPods = old.stream().mapToInt(ReplicaSetState::replicas).sum();
        if (oldPods == 0) {
            return Map.of();
        }
        int allPods = oldPods + newRS.replicas();
        int minAvailable = desired - maxUnavailable;
        int maxScaledDown = allPods - minAvailable - (newRS.replicas() - newRS.availableReplicas());
        if (maxScaledDown <= 0) {
            return Map.of();
        }
        old.sort(ReplicaSetState.OLDEST_FIRST);
        List<ReplicaSetState> afterCleanup = cleanupUnhealthyReplicas(old, maxScaledDown);
        List<ReplicaSetState> afterScaleDown = scaleDownByAvailability(afterCleanup, newRS, minAvailable);
        Map<String, Integer> changes = new LinkedHashMap<>();
        for (int i = 0; i < old.size(); i++) {
            if (afterScaleDown.get(i).replicas() != old.get(i).replicas()) {
                changes.put(old.get(i).name(), afterScaleDown.get(i).replicas());
            }
        }
        return changes;
    }

    /**
     * {@code cleanupUnhealthyReplicas}: oldest first, remove up to {@code maxCleanupCount} pods in total that are not
     * available. Returns the ReplicaSets in the same order with their new sizes.
     */
    public static List<ReplicaSetState> cleanupUnhealthyReplicas(List<ReplicaSetState> oldestFirst, int maxCleanupCount) {
        List<ReplicaSetState> result = new ArrayList<>(oldestFirst);
        int scaledDown = 0;
        for (int i = 0; i < result.size() && scaledDown < maxCleanupCount; i++) {
            ReplicaSetState rs = result.get(i);
            if (rs.replicas() == 0 || rs.replicas() == rs.availableReplicas()) {
                continue;
            }
            int cut = Math.min(maxCleanupCount - scaledDown, rs.replicas() - rs.availableReplicas());
            result.set(i, rs.withReplicas(rs.replicas() - cut));
            scaledDown += cut;
        }
        return result;
    }

    /**
     * {@code scaleDownOldReplicaSetsForRollingUpdate}: oldest first, remove old pods while Σ available (old and new)
     * exceeds {@code minAvailable}. Available counts are the observed status and do not change within one sync.
     */
    public static List<ReplicaSetState> scaleDownByAvailability(List<ReplicaSetState> oldestFirst, ReplicaSetState newRS,
                                                                int minAvailable) {
        List<ReplicaSetState> result = new ArrayList<>(oldestFirst);
        int available = newRS.availableReplicas()
                + oldestFirst.stream().mapToInt(ReplicaSetState::availableReplicas).sum();
        if (available <= minAvailable) {
            return result;
        }
        int budget = available - minAvailable;
        int scaledDown = 0;
        for (int i = 0; i < result.size() && scaledDown < budget; i++) {
            ReplicaSetState rs = result.get(i);
            if (rs.replicas() == 0) {
                continue;
            }
            int cut = Math.min(rs.replicas(), budget - scaledDown);
            result.set(i, rs.withReplicas(rs.replicas() - cut));
            scaledDown += cut;
        }
        return result;
    }
}

package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a scaling event does to the ReplicaSets of a Deployment ({@code sync.go} {@code scale}, DU
 * {@code GetProportion}, {@code getReplicaSetFraction}).
 *
 * <p>Each active ReplicaSet keeps its share of the Deployment's previous maximum size (its {@code max-replicas}
 * annotation): {@code fraction = round(rs × newMax / annotatedMax) − rs}. Example (docs): 10 → 15 replicas with surge 3,
 * new RS 5 and old RS 8 both annotated max 13, new max 18: old gets round(8 × 18/13) − 8 = 3, new gets
 * min(round(5 × 18/13) − 5, 5 − 3) = 2, giving 7 / 11. Rounding may leave a remainder, which goes to the first (largest)
 * ReplicaSet in the sort order.
 */
public final class ProportionalScaling {
    private ProportionalScaling() {
    }

    /**
     * The new sizes, keyed by ReplicaSet name, for every ReplicaSet the scale step touches (a size may equal the
     * current one; upstream then only rewrites the annotations). Empty when nothing is to be done.
     *
     * @param newRS the new ReplicaSet, if any
     */
    public static Map<String, Integer> plan(Deployment d, Optional<ReplicaSetState> newRS, List<ReplicaSetState> oldRSs) {
        int desired = RolloutMath.replicas(d);
        Optional<ReplicaSetState> single = activeOrLatest(newRS, oldRSs);
        if (single.isPresent()) {
            return single.get().replicas() == desired ? Map.of() : Map.of(single.get().name(), desired);
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        if (newRS.isPresent() && isSaturated(d, newRS.get())) {
            oldRSs.stream().filter(ReplicaSetState::isActive).forEach(rs -> sizes.put(rs.name(), 0));
            return sizes;
        }
        if (!RolloutMath.isRollingUpdate(d)) {
            return Map.of();
        }
        List<ReplicaSetState> all = new ArrayList<>(oldRSs);
        newRS.ifPresent(all::add);
        all.removeIf(rs -> !rs.isActive());
        int current = all.stream().mapToInt(ReplicaSetState::replicas).sum();
        int allowed = desired > 0 ? desired + RolloutMath.maxSurge(d) : 0;
        int toAdd = allowed - current;
        if (toAdd > 0) {
            all.sort(bySizeThen(ReplicaSetState.OLDEST_FIRST.reversed()));
        } else if (toAdd < 0) {
            all.sort(bySizeThen(ReplicaSetState.OLDEST_FIRST));
        }
        int added = 0;
        for (ReplicaSetState rs : all) {
            int proportion = toAdd == 0 ? 0 : proportion(rs, d, toAdd, added);
            sizes.put(rs.name(), rs.replicas() + proportion);
            added += proportion;
        }
        if (toAdd != 0 && !all.isEmpty()) {
            String first = all.getFirst().name();
            sizes.put(first, Math.max(0, sizes.get(first) + toAdd - added));
        }
        return sizes;
    }

    /** Larger first; {@code tieBreak} orders equal sizes (newer first when scaling up, older first when down). */
    private static Comparator<ReplicaSetState> bySizeThen(Comparator<ReplicaSetState> tieBreak) {
        return Comparator.comparingInt(ReplicaSetState::replicas).reversed().thenComparing(tieBreak);
    }

    /**
     * {@code FindActiveOrLatest}: the only active ReplicaSet; with none active, the new one or else the newest old one;
     * empty when several are active.
     */
    public static Optional<ReplicaSetState> activeOrLatest(Optional<ReplicaSetState> newRS, List<ReplicaSetState> oldRSs) {
        List<ReplicaSetState> active = new ArrayList<>(oldRSs.stream().filter(ReplicaSetState::isActive).toList());
        newRS.filter(ReplicaSetState::isActive).ifPresent(active::add);
        if (active.size() == 1) {
            return Optional.of(active.getFirst());
        }
        if (!active.isEmpty()) {
            return Optional.empty();
        }
        return newRS.or(() -> oldRSs.stream().max(ReplicaSetState.OLDEST_FIRST));
    }

    /** {@code IsSaturated}: the new RS has exactly the desired size, annotation and availability. */
    public static boolean isSaturated(Deployment d, ReplicaSetState rs) {
        int desired = RolloutMath.replicas(d);
        Optional<Integer> annotated = rs.intAnnotation(DeploymentAnnotations.DESIRED_REPLICAS);
        return annotated.isPresent() && annotated.get() == desired && rs.replicas() == desired
                && rs.availableReplicas() == desired;
    }

    /**
     * {@code GetProportion}: this ReplicaSet's fraction, clamped so that the running total never passes {@code toAdd}.
     */
    public static int proportion(ReplicaSetState rs, Deployment d, int toAdd, int added) {
        if (rs.replicas() == 0 || toAdd == 0 || toAdd == added) {
            return 0;
        }
        int fraction = replicaSetFraction(rs, d);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    /** {@code getReplicaSetFraction}: {@code round(rs × (replicas + maxSurge) / annotated max) − rs}. */
    public static int replicaSetFraction(ReplicaSetState rs, Deployment d) {
        int desired = RolloutMath.replicas(d);
        if (desired == 0) {
            return -rs.replicas();
        }
        long maxNow = desired + (long) RolloutMath.maxSurge(d);
        long maxBefore = rs.intAnnotation(DeploymentAnnotations.MAX_REPLICAS).orElse(0);
        if (maxBefore == 0) {
            // Without the annotation the current status size is the best guess of the size before the scale.
            maxBefore = d.getStatus() == null ? 0 : RolloutMath.orZero(d.getStatus().getReplicas());
            if (maxBefore == 0) {
                return 0;
            }
        }
        return (int) (roundHalfAwayFromZero(rs.replicas() * maxNow, maxBefore) - rs.replicas());
    }

    /** Exact {@code math.Round(p / q)} for q > 0, without float error. */
    static long roundHalfAwayFromZero(long p, long q) {
        long rounded = Math.floorDiv(2 * Math.abs(p) + q, 2 * q);
        return p < 0 ? -rounded : rounded;
    }
}

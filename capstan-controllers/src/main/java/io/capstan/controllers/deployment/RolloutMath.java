package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * Int-or-percent resolution and the per-Deployment bounds of upstream {@code deployment_util.go}
 * ({@code ResolveFenceposts}, {@code MaxSurge}, {@code MaxUnavailable}, {@code MinAvailable},
 * {@code NewRSNewReplicas}, {@code DeploymentComplete}).
 *
 * <p>The Deployment is expected to be defaulted (as every stored object is); a missing {@code spec.replicas} is read
 * as the API default 1 and a missing strategy type as RollingUpdate.
 */
public final class RolloutMath {
    public static final String RECREATE = "Recreate";
    public static final String ROLLING_UPDATE = "RollingUpdate";

    private RolloutMath() {
    }

    /**
     * Scales an int-or-percent against {@code total} ({@code intstr.GetScaledValueFromIntOrPercent}): a percentage
     * rounds up when {@code roundUp}, down otherwise; null counts as 0.
     *
     * @throws IllegalArgumentException when a string value is not {@code <int>%}
     */
    public static int scaledValue(IntOrString value, int total, boolean roundUp) {
        if (value == null || (value.getIntVal() == null && value.getStrVal() == null)) {
            return 0;
        }
        if (value.getStrVal() == null) {
            return value.getIntVal();
        }
        String s = value.getStrVal();
        if (!s.endsWith("%")) {
            throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a percentage");
        }
        long percent;
        try {
            percent = Long.parseLong(s.substring(0, s.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value \"" + s + "\": " + e.getMessage(), e);
        }
        // Exact integer arithmetic gives the same result as upstream's math.Ceil/Floor over float64 for all int32 inputs.
        long product = percent * total;
        return (int) (roundUp ? Math.ceilDiv(product, 100) : Math.floorDiv(product, 100));
    }

    /**
     * {@code ResolveFenceposts}: surge rounds up, unavailable rounds down, and when both are 0 unavailable becomes 1 so
     * that a rollout can always make progress.
     */
    public static Fenceposts resolveFenceposts(IntOrString maxSurge, IntOrString maxUnavailable, int desired) {
        int surge = scaledValue(maxSurge, desired, true);
        int unavailable = scaledValue(maxUnavailable, desired, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new Fenceposts(surge, unavailable);
    }

    public static int replicas(Deployment d) {
        Integer r = d.getSpec() == null ? null : d.getSpec().getReplicas();
        return r == null ? 1 : r;
    }

    public static boolean isRollingUpdate(Deployment d) {
        if (d.getSpec() == null || d.getSpec().getStrategy() == null) {
            return true;
        }
        String type = d.getSpec().getStrategy().getType();
        return type == null || ROLLING_UPDATE.equals(type);
    }

    private static Fenceposts fenceposts(Deployment d) {
        RollingUpdateDeployment ru = d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
        return resolveFenceposts(ru == null ? null : ru.getMaxSurge(), ru == null ? null : ru.getMaxUnavailable(), replicas(d));
    }

    /** {@code MaxSurge}: 0 for Recreate. */
    public static int maxSurge(Deployment d) {
        return isRollingUpdate(d) ? fenceposts(d).maxSurge() : 0;
    }

    /** {@code MaxUnavailable}: 0 for Recreate or 0 replicas, otherwise capped at replicas. */
    public static int maxUnavailable(Deployment d) {
        int replicas = replicas(d);
        if (!isRollingUpdate(d) || replicas == 0) {
            return 0;
        }
        return Math.min(fenceposts(d).maxUnavailable(), replicas);
    }

    /** {@code MinAvailable}: replicas minus maxUnavailable, 0 for Recreate. */
    public static int minAvailable(Deployment d) {
        return isRollingUpdate(d) ? replicas(d) - maxUnavailable(d) : 0;
    }

    /**
     * {@code reconcileNewReplicaSet} + {@code NewRSNewReplicas}: the size the new ReplicaSet should have after this
     * step. Equal to {@code newReplicas} when nothing is to be done.
     *
     * @param newReplicas   spec.replicas of the new ReplicaSet
     * @param totalReplicas Σ spec.replicas of all ReplicaSets of the Deployment, the new one included
     */
    public static int newReplicaSetTarget(Deployment d, int newReplicas, int totalReplicas) {
        int desired = replicas(d);
        if (newReplicas >= desired) {
            return desired;
        }
        if (!isRollingUpdate(d)) {
            return desired;
        }
        // Upstream scales the raw maxSurge here, without the both-zero adjustment of ResolveFenceposts.
        RollingUpdateDeployment ru = d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
        int surge = scaledValue(ru == null ? null : ru.getMaxSurge(), desired, true);
        int maxTotal = desired + surge;
        if (totalReplicas >= maxTotal) {
            return newReplicas;
        }
        return newReplicas + Math.min(maxTotal - totalReplicas, desired - newReplicas);
    }

    /** {@code DeploymentComplete}: every replica updated, no extra ones, all available, and the status is current. */
    public static boolean deploymentComplete(Deployment d, DeploymentStatus status) {
        int desired = replicas(d);
        long generation = d.getMetadata() == null || d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        return orZero(status.getUpdatedReplicas()) == desired
                && orZero(status.getReplicas()) == desired
                && orZero(status.getAvailableReplicas()) == desired
                && (status.getObservedGeneration() == null ? 0 : status.getObservedGeneration()) >= generation;
    }

    static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}

package io.capstan.controllers.deployment;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The annotations the Deployment controller reads and writes, and which Deployment annotations are copied to its new
 * ReplicaSet (DU {@code copyDeploymentAnnotationsToReplicaSet}, {@code skipCopyAnnotation}).
 */
public final class DeploymentAnnotations {
    public static final String REVISION = "deployment.kubernetes.io/revision";
    public static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    public static final String ROLLBACK_TO = "deprecated.deployment.rollback.to";
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

    /** Controller bookkeeping and kubectl's apply record belong to the Deployment, not to its ReplicaSets. */
    private static final Set<String> NOT_COPIED =
            Set.of(LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO);

    private DeploymentAnnotations() {
    }

    public static boolean isCopiedToReplicaSet(String key) {
        return !NOT_COPIED.contains(key);
    }

    /**
     * The ReplicaSet annotations after copying the Deployment's: copying only adds or overwrites, it never removes.
     * Returns a new map; compare it with the input to see whether anything changed.
     */
    public static Map<String, String> copyToReplicaSet(Map<String, String> deployment, Map<String, String> replicaSet) {
        Map<String, String> result = new HashMap<>(replicaSet);
        deployment.forEach((k, v) -> {
            if (isCopiedToReplicaSet(k)) {
                result.put(k, v);
            }
        });
        return result;
    }

    /** {@code SetReplicasAnnotations}: desired = replicas, max = replicas + maxSurge, as decimal strings. */
    public static Map<String, String> replicasAnnotations(int desired, int maxSurge) {
        return Map.of(DESIRED_REPLICAS, Integer.toString(desired), MAX_REPLICAS, Integer.toString(desired + maxSurge));
    }
}

package io.capstan.controllers.deployment;

import io.capstan.controller.runtime.EventRecorder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes ReplicaSets of a Deployment ({@code sync.go} {@code scaleReplicaSet}): a resize sets {@code spec.replicas}
 * together with the desired/max-replicas annotations, and a real size change is reported as a
 * {@code ScalingReplicaSet} event. Updates carry the resourceVersion read, so a stale view fails with a conflict and
 * the sync is retried.
 */
final class ReplicaSetWriter {
    static final String SCALING_REPLICA_SET = "ScalingReplicaSet";

    private final KubernetesClient client;
    private final EventRecorder events;

    ReplicaSetWriter(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    /** {@code scaleReplicaSetAndRecordEvent}: does nothing when the size is already {@code size}; true if it scaled. */
    boolean scaleIfDifferent(SyncState state, ReplicaSet rs, int size) {
        return replicas(rs) != size && scale(state, rs, size);
    }

    /** {@code scaleReplicaSet}: writes when the size or the replicas annotations differ; true if the size changed. */
    boolean scale(SyncState state, ReplicaSet rs, int size) {
        Deployment d = state.deployment();
        int before = replicas(rs);
        Map<String, String> annotations = rs.getMetadata().getAnnotations() == null
                ? new HashMap<>() : new HashMap<>(rs.getMetadata().getAnnotations());
        Map<String, String> wanted = new HashMap<>(annotations);
        wanted.putAll(DeploymentAnnotations.replicasAnnotations(RolloutMath.replicas(d), RolloutMath.maxSurge(d)));
        if (before == size && wanted.equals(annotations)) {
            return false;
        }
        ReplicaSet copy = SyncState.copy(rs);
        copy.getMetadata().setAnnotations(wanted);
        copy.getSpec().setReplicas(size);
        update(state, copy);
        if (before != size) {
            String direction = size > before ? "up" : "down";
            events.normal(d, SCALING_REPLICA_SET, "Scaled %s replica set %s to %d from %d"
                    .formatted(direction, rs.getMetadata().getName(), size, before));
            return true;
        }
        return false;
    }

    /** Updates {@code changed} (a private copy) and records the stored result in the sync state. */
    ReplicaSet update(SyncState state, ReplicaSet changed) {
        ReplicaSet stored = client.apps().replicaSets().inNamespace(changed.getMetadata().getNamespace())
                .resource(changed).update();
        state.put(stored);
        return stored;
    }

    static int replicas(ReplicaSet rs) {
        return RolloutMath.orZero(rs.getSpec().getReplicas());
    }

    /**
     * The pods a ReplicaSet may still have: its spec, or more while its controller has not yet deleted the pods of a
     * scale-down (status.replicas counts pods not being deleted). Kubernetes sums the specs alone when it grows the new
     * ReplicaSet, so for a moment old pods not yet deleted and new pods already created can exceed maxSurge; summing
     * this instead keeps the limit on the pods that really exist.
     */
    static int podsHeld(ReplicaSet rs) {
        int observed = rs.getStatus() == null ? 0 : RolloutMath.orZero(rs.getStatus().getReplicas());
        return Math.max(replicas(rs), observed);
    }
}

package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The objects one sync works on: private copies of the Deployment and its ReplicaSets, replaced by what the API server
 * returns after each write so that later steps of the same sync see the effects of earlier ones (as upstream threads
 * the updated objects through) and never touch the shared cache.
 */
final class SyncState {
    private Deployment deployment;
    private final List<ReplicaSet> owned;

    SyncState(Deployment deployment, List<ReplicaSet> owned) {
        this.deployment = copy(deployment);
        this.owned = new ArrayList<>(owned.stream().map(SyncState::copy).toList());
    }

    static Deployment copy(Deployment d) {
        return new DeploymentBuilder(d).build();
    }

    static ReplicaSet copy(ReplicaSet rs) {
        return new ReplicaSetBuilder(rs).build();
    }

    /** The current Deployment; callers copy before changing it. */
    Deployment deployment() {
        return deployment;
    }

    void deployment(Deployment updated) {
        deployment = updated;
    }

    List<ReplicaSet> replicaSets() {
        return List.copyOf(owned);
    }

    ReplicaSetPartition partition() {
        return ReplicaSetPartition.of(deployment, owned);
    }

    Optional<ReplicaSet> newReplicaSet() {
        return partition().newReplicaSet();
    }

    /** Replaces the ReplicaSet of the same name, or adds it. */
    void put(ReplicaSet rs) {
        owned.removeIf(o -> o.getMetadata().getName().equals(rs.getMetadata().getName()));
        owned.add(rs);
    }

    void remove(ReplicaSet rs) {
        owned.removeIf(o -> o.getMetadata().getName().equals(rs.getMetadata().getName()));
    }
}

package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Deletes old ReplicaSets beyond {@code revisionHistoryLimit} ({@code sync.go} {@code cleanupDeployment}); which ones is
 * decided by {@link HistoryCleanup}. The delete uses default options, so the garbage collector removes their pods.
 */
final class HistoryCleaner {
    private final KubernetesClient client;

    HistoryCleaner(KubernetesClient client) {
        this.client = client;
    }

    void cleanUp(SyncState state) {
        for (ReplicaSet rs : HistoryCleanup.deletable(state.deployment(), state.partition().old())) {
            try {
                client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace())
                        .withName(rs.getMetadata().getName()).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
            state.remove(rs);
        }
    }
}

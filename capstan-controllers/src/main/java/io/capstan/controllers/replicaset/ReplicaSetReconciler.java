package io.capstan.controllers.replicaset;

import io.capstan.controller.runtime.Reconciler;
import io.capstan.controller.runtime.Result;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code syncReplicaSet}: claim pods, scale when the previous sync's writes have all been observed, then write the
 * status when it changed. Reads come from the informer caches only (plus the fresh owner read before adoption); the
 * sync is level-triggered, so a settled ReplicaSet reconciles without any write.
 */
final class ReplicaSetReconciler implements Reconciler {
    /** {@code statusUpdateRetries}. */
    private static final int STATUS_UPDATE_RETRIES = 1;
    private final KubernetesClient client;
    private final SharedIndexInformer<ReplicaSet> replicaSets;
    private final SharedIndexInformer<Pod> pods;
    private final Expectations expectations;
    private final PodOwnership ownership;
    private final ReplicaScaler scaler;
    private final Clock clock;

    ReplicaSetReconciler(KubernetesClient client, SharedIndexInformer<ReplicaSet> replicaSets,
                         SharedIndexInformer<Pod> pods, Expectations expectations, ReplicaScaler scaler, Clock clock) {
        this.client = client;
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.expectations = expectations;
        this.ownership = new PodOwnership(client);
        this.scaler = scaler;
        this.clock = clock;
    }

    @Override
    public Result reconcile(String key) {
        ReplicaSet rs = replicaSets.getStore().getByKey(key);
        if (rs == null) {
            expectations.forget(key);
            return Result.done();
        }
        boolean needsSync = expectations.satisfied(key);
        List<Pod> active = podsIn(rs.getMetadata().getNamespace()).stream().filter(PodDeletionRanking::isActive).toList();
        List<Pod> owned = ownership.claim(rs, active);
        Optional<RuntimeException> scaleError = Optional.empty();
        if (needsSync && rs.getMetadata().getDeletionTimestamp() == null) {
            scaleError = scaler.scale(key, rs, owned, related(rs, active, owned));
        }
        var calculated = ReplicaSetStatusCalculator.calculate(rs, owned, scaleError, clock.instant());
        writeStatus(rs, calculated.status());
        if (scaleError.isPresent()) {
            // The runner retries with backoff, as upstream returns manageReplicas' error from the sync.
            throw scaleError.get();
        }
        return calculated.nextAvailable().map(Result::requeueAfter).orElse(Result.done());
    }

    /**
     * {@code updateReplicaSetStatus}: writes only a changed status; on a conflict (typically the cache still holding
     * the object from before this controller's previous status write) it re-reads once and writes again unless the
     * fresh object already carries this status.
     */
    private void writeStatus(ReplicaSet rs, ReplicaSetStatus status) {
        var replicaSets = client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace());
        ReplicaSet current = rs;
        for (int attempt = 0; ; attempt++) {
            if (ReplicaSetStatusCalculator.same(current.getStatus(), status)) {
                return;
            }
            try {
                replicaSets.resource(new ReplicaSetBuilder(current).withStatus(status).build()).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= STATUS_UPDATE_RETRIES) {
                    throw e;
                }
            }
            current = replicaSets.withName(rs.getMetadata().getName()).get();
            if (current == null || !rs.getMetadata().getUid().equals(current.getMetadata().getUid())) {
                return;
            }
        }
    }

    private List<Pod> podsIn(String namespace) {
        return pods.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }

    /**
     * {@code getIndirectlyRelatedPods}: active pods owned by any ReplicaSet that shares this one's controller (the
     * Deployment's other ReplicaSets), or just this ReplicaSet's pods when it has no controller.
     */
    private List<Pod> related(ReplicaSet rs, List<Pod> active, List<Pod> owned) {
        Optional<String> controller = controllerUid(rs.getMetadata().getOwnerReferences());
        if (controller.isEmpty()) {
            return owned;
        }
        Set<String> siblings = replicaSets.getIndexer().byIndex(Cache.NAMESPACE_INDEX, rs.getMetadata().getNamespace())
                .stream().filter(other -> controller.equals(controllerUid(other.getMetadata().getOwnerReferences())))
                .map(other -> other.getMetadata().getUid()).collect(Collectors.toCollection(HashSet::new));
        siblings.add(rs.getMetadata().getUid());
        return active.stream()
                .filter(p -> PodOwnership.controllerOf(p).map(OwnerReference::getUid).filter(siblings::contains).isPresent())
                .toList();
    }

    private static Optional<String> controllerUid(List<OwnerReference> owners) {
        return owners == null ? Optional.empty()
                : owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).map(OwnerReference::getUid).findFirst();
    }
}

package io.capstan.controllers.deployment;

import io.capstan.controllers.LabelSelectors;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which ReplicaSets a Deployment owns ({@code ClaimReplicaSets}, the ControllerRefManager rules of reference §6.4):
 * controlled ones whose labels still match are kept, controlled ones that no longer match are released, and matching
 * orphans are adopted unless either side is being deleted. Adoption first re-reads the Deployment so that a Deployment
 * deleted and recreated under the same name does not adopt on behalf of the old one.
 */
final class ReplicaSetOwnership {
    private final KubernetesClient client;

    ReplicaSetOwnership(KubernetesClient client) {
        this.client = client;
    }

    static OwnerReference controllerRef(Deployment d) {
        return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                .withName(d.getMetadata().getName()).withUid(d.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    static Optional<OwnerReference> controllerRefOf(ReplicaSet rs) {
        List<OwnerReference> refs = rs.getMetadata().getOwnerReferences();
        return refs == null ? Optional.empty()
                : refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }

    /** The ReplicaSets {@code d} owns after adopting and releasing, as private copies. */
    List<ReplicaSet> claim(Deployment d, List<ReplicaSet> inNamespace) {
        List<ReplicaSet> owned = new ArrayList<>();
        boolean deploymentDeleting = d.getMetadata().getDeletionTimestamp() != null;
        Optional<Boolean> mayAdopt = Optional.empty();
        for (ReplicaSet rs : inNamespace) {
            boolean matches = LabelSelectors.matches(d.getSpec().getSelector(), rs.getMetadata().getLabels());
            Optional<OwnerReference> ref = controllerRefOf(rs);
            if (ref.isPresent()) {
                if (!ref.get().getUid().equals(d.getMetadata().getUid())) {
                    continue;
                }
                if (matches) {
                    owned.add(SyncState.copy(rs));
                } else if (!deploymentDeleting) {
                    release(d, rs);
                }
                continue;
            }
            if (!matches || deploymentDeleting || rs.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            if (mayAdopt.isEmpty()) {
                mayAdopt = Optional.of(stillCurrent(d));
            }
            if (mayAdopt.get()) {
                adopt(d, rs).ifPresent(owned::add);
            }
        }
        return owned;
    }

    private boolean stillCurrent(Deployment d) {
        Deployment fresh = client.apps().deployments().inNamespace(d.getMetadata().getNamespace())
                .withName(d.getMetadata().getName()).get();
        return fresh != null && fresh.getMetadata().getUid().equals(d.getMetadata().getUid())
                && fresh.getMetadata().getDeletionTimestamp() == null;
    }

    private Optional<ReplicaSet> adopt(Deployment d, ReplicaSet rs) {
        ReplicaSet copy = SyncState.copy(rs);
        List<OwnerReference> refs = new ArrayList<>(copy.getMetadata().getOwnerReferences() == null
                ? List.of() : copy.getMetadata().getOwnerReferences());
        refs.add(controllerRef(d));
        copy.getMetadata().setOwnerReferences(refs);
        try {
            return Optional.of(client.apps().replicaSets().inNamespace(copy.getMetadata().getNamespace())
                    .resource(copy).update());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void release(Deployment d, ReplicaSet rs) {
        ReplicaSet copy = SyncState.copy(rs);
        copy.getMetadata().setOwnerReferences(new ArrayList<>(copy.getMetadata().getOwnerReferences().stream()
                .filter(r -> !r.getUid().equals(d.getMetadata().getUid())).toList()));
        try {
            client.apps().replicaSets().inNamespace(copy.getMetadata().getNamespace()).resource(copy).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}

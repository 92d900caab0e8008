package io.capstan.controllers.replicaset;

import io.capstan.controllers.LabelSelectors;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PodControllerRefManager.ClaimPods}: decides which pods a ReplicaSet owns, adopting matching orphans and
 * releasing owned pods whose labels no longer match. Writes are strategic merge patches on {@code ownerReferences}
 * (merged by uid) carrying the pod's uid, as upstream does, so they never touch other owners and fail on a pod that
 * was deleted and re-created under the same name.
 */
final class PodOwnership {
    private static final Logger LOG = LoggerFactory.getLogger(PodOwnership.class);
    static final String API_VERSION = "apps/v1";
    static final String KIND = "ReplicaSet";

    private final KubernetesClient client;

    PodOwnership(KubernetesClient client) {
        this.client = client;
    }

    /** The controller reference of {@code pod}, if any. */
    static Optional<OwnerReference> controllerOf(Pod pod) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        return owners == null ? Optional.empty()
                : owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst();
    }

    static OwnerReference controllerReference(ReplicaSet rs) {
        return new OwnerReferenceBuilder().withApiVersion(API_VERSION).withKind(KIND)
                .withName(rs.getMetadata().getName()).withUid(rs.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    /** The pods (of {@code candidates}, all active and in the ReplicaSet's namespace) that {@code rs} owns after claiming. */
    List<Pod> claim(ReplicaSet rs, List<Pod> candidates) {
        String uid = rs.getMetadata().getUid();
        boolean deleting = rs.getMetadata().getDeletionTimestamp() != null;
        Optional<Boolean> canAdopt = Optional.empty();
        List<Pod> claimed = new ArrayList<>();
        for (Pod pod : candidates) {
            boolean matches = (!LabelSelectors.isEmpty(rs.getSpec().getSelector()) && LabelSelectors.matches(rs.getSpec().getSelector(), pod.getMetadata().getLabels()));
            Optional<OwnerReference> controller = controllerOf(pod);
            if (controller.isPresent()) {
                if (!uid.equals(controller.get().getUid())) {
                    continue;
                }
                if (matches) {
                    claimed.add(pod);
                } else if (!deleting) {
                    release(rs, pod);
                }
                continue;
            }
            if (!matches || deleting || pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            if (canAdopt.isEmpty()) {
                canAdopt = Optional.of(stillLive(rs));
            }
            if (canAdopt.get() && adopt(rs, pod)) {
                claimed.add(pod);
            }
        }
        return claimed;
    }

    /**
     * {@code RecheckDeletionTimestamp}: the cache may lag behind a deletion, so adoption re-reads the ReplicaSet and
     * adopts only when it is the same object (same uid) and not being deleted.
     */
    private boolean stillLive(ReplicaSet rs) {
        ReplicaSet fresh = client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace())
                .withName(rs.getMetadata().getName()).get();
        return fresh != null && rs.getMetadata().getUid().equals(fresh.getMetadata().getUid())
                && fresh.getMetadata().getDeletionTimestamp() == null;
    }

    private boolean adopt(ReplicaSet rs, Pod pod) {
        OwnerReference ref = controllerReference(rs);
        String patch = """
                {"metadata":{"ownerReferences":[{"apiVersion":"%s","kind":"%s","name":"%s","uid":"%s",\
                "controller":true,"blockOwnerDeletion":true}],"uid":"%s"}}"""
                .formatted(ref.getApiVersion(), ref.getKind(), ref.getName(), ref.getUid(), pod.getMetadata().getUid());
        try {
            patch(pod, patch);
            LOG.debug("adopted pod {}/{} into ReplicaSet {}", pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName(), rs.getMetadata().getName());
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                // Gone before we could adopt it: nothing to own.
                return false;
            }
            throw e;
        }
    }

    private void release(ReplicaSet rs, Pod pod) {
        String patch = """
                {"metadata":{"ownerReferences":[{"$patch":"delete","uid":"%s"}],"uid":"%s"}}"""
                .formatted(rs.getMetadata().getUid(), pod.getMetadata().getUid());
        try {
            patch(pod, patch);
            LOG.debug("released pod {}/{} from ReplicaSet {}", pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName(), rs.getMetadata().getName());
        } catch (KubernetesClientException e) {
            // Upstream ignores a pod that vanished or whose uid changed (422): either way it is no longer ours.
            if (e.getCode() != 404 && e.getCode() != 422) {
                throw e;
            }
        }
    }

    private void patch(Pod pod, String patch) {
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch);
    }
}

package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Optional;

/**
 * What the Deployment controller reads. In the server these are informer caches ({@link InformerView}); the objects
 * returned are shared and must not be mutated. Tests may read the API server directly so that every reconcile sees
 * the writes of the previous one.
 */
public interface ClusterView {
    Optional<Deployment> deployment(String namespace, String name);

    List<Deployment> deployments(String namespace);

    List<ReplicaSet> replicaSets(String namespace);

    List<Pod> pods(String namespace);
}

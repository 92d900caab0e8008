package io.capstan.controllers.deployment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;
import java.util.Optional;

/** A {@link ClusterView} over the informer caches of Deployments, ReplicaSets and Pods. */
record InformerView(SharedIndexInformer<Deployment> deploymentInformer,
                    SharedIndexInformer<ReplicaSet> replicaSetInformer,
                    SharedIndexInformer<Pod> podInformer) implements ClusterView {

    @Override
    public Optional<Deployment> deployment(String namespace, String name) {
        return Optional.ofNullable(deploymentInformer.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    @Override
    public List<Deployment> deployments(String namespace) {
        return inNamespace(deploymentInformer, namespace);
    }

    @Override
    public List<ReplicaSet> replicaSets(String namespace) {
        return inNamespace(replicaSetInformer, namespace);
    }

    @Override
    public List<Pod> pods(String namespace) {
        return inNamespace(podInformer, namespace);
    }

    private static <T extends HasMetadata> List<T> inNamespace(SharedIndexInformer<T> informer, String namespace) {
        return informer.getStore().list().stream()
                .filter(o -> namespace.equals(o.getMetadata().getNamespace())).toList();
    }
}

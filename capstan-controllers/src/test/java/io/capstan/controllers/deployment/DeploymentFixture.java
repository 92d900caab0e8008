package io.capstan.controllers.deployment;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Result;
import io.capstan.controller.runtime.testing.FakeClock;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * An in-process API server, a fake clock and a Deployment controller whose view reads the server directly, so that
 * each {@link #reconcile} sees every earlier write. The test plays the ReplicaSet controller by setting RS status.
 */
final class DeploymentFixture implements AutoCloseable {
    static final String NS = "rollout";

    final ApiServer server;
    final KubernetesClient client;
    final FakeClock clock = new FakeClock();
    final DeploymentController controller;

    private DeploymentFixture(ApiServer server) {
        this.server = server;
        this.client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(server.url())
                .withNamespace(NS).withRequestRetryBackoffLimit(0).build()).build();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build()).create();
        this.controller = new DeploymentController(client, new LiveView(), clock,
                new EventRecorder(client, "deployment-controller", clock));
    }

    static DeploymentFixture start() throws Exception {
        return new DeploymentFixture(ApiServer.start(new MemoryStore(), ApiServerConfig.defaults().withPort(0)));
    }

    static Deployment deployment(String name, int replicas, String image) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec()
                .build();
    }

    Deployment create(Deployment d) {
        return client.apps().deployments().inNamespace(NS).resource(d).create();
    }

    Deployment edit(String name, UnaryOperator<Deployment> change) {
        return client.apps().deployments().inNamespace(NS).withName(name).edit(change);
    }

    Deployment setImage(String name, String image) {
        return edit(name, d -> {
            d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage(image);
            return d;
        });
    }

    Result reconcile(String name) throws Exception {
        return controller.reconcile(NS + "/" + name);
    }

    Deployment get(String name) {
        return client.apps().deployments().inNamespace(NS).withName(name).get();
    }

    /** The ReplicaSets, oldest first. */
    List<ReplicaSet> replicaSets() {
        List<ReplicaSet> list = new ArrayList<>(client.apps().replicaSets().inNamespace(NS).list().getItems());
        list.sort(ReplicaSetPartition.OLDEST_FIRST);
        return list;
    }

    /** Every ReplicaSet's pods exist, are ready and available exactly as its spec asks. */
    void settle() {
        for (ReplicaSet rs : replicaSets()) {
            setStatus(rs, rs.getSpec().getReplicas(), rs.getSpec().getReplicas());
        }
    }

    void setStatus(ReplicaSet rs, int replicas, int available) {
        rs.setStatus(new ReplicaSetStatusBuilder().withReplicas(replicas).withReadyReplicas(available)
                .withAvailableReplicas(available).withObservedGeneration(rs.getMetadata().getGeneration()).build());
        client.apps().replicaSets().inNamespace(NS).resource(rs).updateStatus();
    }

    /** Name → resourceVersion of every Deployment and ReplicaSet, to prove a sync wrote nothing. */
    Map<String, String> resourceVersions() {
        Map<String, String> versions = new TreeMap<>();
        client.apps().deployments().inNamespace(NS).list().getItems()
                .forEach(d -> versions.put("deploy/" + d.getMetadata().getName(), d.getMetadata().getResourceVersion()));
        replicaSets().forEach(rs -> versions.put("rs/" + rs.getMetadata().getName(), rs.getMetadata().getResourceVersion()));
        return versions;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }

    private final class LiveView implements ClusterView {
        @Override
        public Optional<Deployment> deployment(String namespace, String name) {
            return Optional.ofNullable(client.apps().deployments().inNamespace(namespace).withName(name).get());
        }

        @Override
        public List<Deployment> deployments(String namespace) {
            return client.apps().deployments().inNamespace(namespace).list().getItems();
        }

        @Override
        public List<ReplicaSet> replicaSets(String namespace) {
            return client.apps().replicaSets().inNamespace(namespace).list().getItems();
        }

        @Override
        public List<Pod> pods(String namespace) {
            return client.pods().inNamespace(namespace).list().getItems();
        }
    }
}

package io.capstan.controllers.gc;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.controller.runtime.SystemScheduler;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import java.util.Optional;

/**
 * An in-process API server over a memory store with a client, plus builders for the owner and
 * dependent objects the collector and namespace tests create. Public so the namespace tests share it.
 */
public final class ClusterFixture implements AutoCloseable {

  public final ApiServer server;
  public final KubernetesClient client;
  public final SystemScheduler scheduler = new SystemScheduler("test-delays");

  public ClusterFixture() throws Exception {
    server = ApiServer.start(new MemoryStore(), ApiServerConfig.defaults().withPort(0));
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(server.url()).withRequestRetryBackoffLimit(0).build()).build();
  }

  public void createNamespace(String name) {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).create();
  }

  public ReplicaSet createReplicaSet(String namespace, String name) {
    return client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(0)
        .withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer()
        .endSpec().endTemplate()
        .endSpec().build()).create();
  }

  /** A pod owned by {@code owners}, bound to {@code node} if one is given (then it lingers). */
  public Pod createPod(String namespace, String name, Optional<String> node,
      List<OwnerReference> owners) {
    return client.pods().inNamespace(namespace).resource(new PodBuilder()
        .withNewMetadata().withName(name).withOwnerReferences(owners).endMetadata()
        .withNewSpec().withNodeName(node.orElse(null))
        .addNewContainer().withName("c").withImage("busybox").endContainer()
        .endSpec().build()).create();
  }

  public static OwnerReference controllerRef(String kind, String name, String uid) {
    return new OwnerReferenceBuilder().withApiVersion(kind.equals("Pod") ? "v1" : "apps/v1")
        .withKind(kind).withName(name).withUid(uid)
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  public static OwnerReference ownerRef(ReplicaSet owner) {
    return controllerRef("ReplicaSet", owner.getMetadata().getName(),
        owner.getMetadata().getUid());
  }

  @Override
  public void close() {
    scheduler.close();
    client.close();
    server.close();
  }
}

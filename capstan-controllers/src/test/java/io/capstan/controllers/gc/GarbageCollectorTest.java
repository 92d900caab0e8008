package io.capstan.controllers.gc;

import static io.capstan.controllers.gc.ClusterFixture.controllerRef;
import static io.capstan.controllers.gc.ClusterFixture.ownerRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controller.runtime.Controller;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GarbageCollectorTest {

  private static final String NS = "default";
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private ClusterFixture cluster;
  private Controller collector;

  @BeforeEach
  void start() throws Exception {
    cluster = new ClusterFixture();
    collector = GarbageCollector.create(cluster.client, Clock.systemUTC(), cluster.scheduler, 2);
    collector.start().get();
  }

  @AfterEach
  void stop() {
    collector.close();
    cluster.close();
  }

  @Test
  void backgroundDeletionRemovesDependents() {
    ReplicaSet rs = cluster.createReplicaSet(NS, "web");
    cluster.createPod(NS, "web-1", Optional.empty(), List.of(ownerRef(rs)));
    cluster.createPod(NS, "web-2", Optional.empty(), List.of(ownerRef(rs)));

    replicaSet("web").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();

    await().atMost(DEADLINE).until(() -> pods().isEmpty());
  }

  @Test
  void foregroundDeletionKeepsOwnerUntilBlockingDependentsAreGone() {
    ReplicaSet rs = cluster.createReplicaSet(NS, "web");
    cluster.createPod(NS, "web-bound", Optional.of("node-1"), List.of(ownerRef(rs)));
    cluster.createPod(NS, "web-free", Optional.empty(), List.of(ownerRef(rs)));

    replicaSet("web").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

    // The unbound pod goes at once; the bound one lingers in its grace period and holds the owner.
    await().atMost(DEADLINE).until(() -> pods().size() == 1
        && pods().getFirst().getMetadata().getDeletionTimestamp() != null);
    ReplicaSet owner = replicaSet("web").get();
    assertThat(owner.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(owner.getMetadata().getFinalizers()).contains("foregroundDeletion");

    cluster.client.pods().inNamespace(NS).withName("web-bound").withGracePeriod(0).delete();

    await().atMost(DEADLINE).until(() -> replicaSet("web").get() == null);
  }

  @Test
  void foregroundDeletionCascadesInForegroundThroughOwnersOfOwners() {
    Deployment deployment = cluster.client.apps().deployments().inNamespace(NS)
        .resource(new DeploymentBuilder().withNewMetadata().withName("app").endMetadata()
            .withNewSpec().withReplicas(0)
            .withNewSelector().addToMatchLabels("app", "app").endSelector()
            .withNewTemplate().withNewMetadata().addToLabels("app", "app").endMetadata()
            .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer()
            .endSpec().endTemplate().endSpec().build())
        .create();
    ReplicaSet rs = cluster.client.apps().replicaSets().inNamespace(NS).resource(
        new ReplicaSetBuilder(cluster.createReplicaSet(NS, "app-1")).editMetadata()
            .withOwnerReferences(controllerRef("Deployment", "app",
                deployment.getMetadata().getUid()))
            .endMetadata().build()).update();
    cluster.createPod(NS, "app-1-a", Optional.of("node-1"), List.of(ownerRef(rs)));

    cluster.client.apps().deployments().inNamespace(NS).withName("app")
        .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();

    // The ReplicaSet owns a pod, so it is itself deleted in foreground and waits for the pod.
    await().atMost(DEADLINE).until(() -> replicaSet("app-1").get().getMetadata()
        .getFinalizers().contains("foregroundDeletion"));
    assertThat(cluster.client.apps().deployments().inNamespace(NS).withName("app").get())
        .isNotNull();

    cluster.client.pods().inNamespace(NS).withName("app-1-a").withGracePeriod(0).delete();

    await().atMost(DEADLINE).until(() -> replicaSet("app-1").get() == null
        && cluster.client.apps().deployments().inNamespace(NS).withName("app").get() == null);
  }

  @Test
  void orphanDeletionKeepsDependentsAndStripsTheirReferences() {
    ReplicaSet rs = cluster.createReplicaSet(NS, "web");
    cluster.createPod(NS, "web-1", Optional.empty(), List.of(ownerRef(rs)));

    replicaSet("web").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();

    await().atMost(DEADLINE).until(() -> replicaSet("web").get() == null);
    assertThat(pods()).singleElement().satisfies(
        pod -> assertThat(pod.getMetadata().getOwnerReferences()).isEmpty());
  }

  @Test
  void dependentOfAnOwnerThatNeverExistedIsCollected() {
    cluster.createPod(NS, "stray", Optional.empty(),
        List.of(controllerRef("ReplicaSet", "ghost", UUID.randomUUID().toString())));

    await().atMost(DEADLINE).until(() -> pods().isEmpty());
  }

  @Test
  void ownerNameReusedWithAnotherUidCountsAsGone() {
    cluster.createReplicaSet(NS, "web");
    cluster.createPod(NS, "stale", Optional.empty(),
        List.of(controllerRef("ReplicaSet", "web", UUID.randomUUID().toString())));

    await().atMost(DEADLINE).until(() -> pods().isEmpty());
    assertThat(replicaSet("web").get()).isNotNull();
  }

  @Test
  void danglingReferenceNextToALiveOwnerIsOnlyStripped() {
    ReplicaSet live = cluster.createReplicaSet(NS, "live");
    OwnerReference gone = new OwnerReferenceBuilder().withApiVersion("apps/v1")
        .withKind("ReplicaSet").withName("gone").withUid(UUID.randomUUID().toString()).build();
    OwnerReference kept = new OwnerReferenceBuilder(ownerRef(live)).withController(false).build();
    cluster.createPod(NS, "shared", Optional.empty(), List.of(kept, gone));

    await().atMost(DEADLINE).until(() -> pods().getFirst().getMetadata().getOwnerReferences()
        .size() == 1);
    assertThat(pods().getFirst().getMetadata().getOwnerReferences().getFirst().getUid())
        .isEqualTo(live.getMetadata().getUid());
  }

  @Test
  void dependentWithALiveOwnerIsLeftUntouched() {
    ReplicaSet rs = cluster.createReplicaSet(NS, "web");
    Pod created = cluster.createPod(NS, "web-1", Optional.empty(), List.of(ownerRef(rs)));
    // A stray created afterwards is collected, which proves the collector has seen web-1 before.
    cluster.createPod(NS, "stray", Optional.empty(),
        List.of(controllerRef("ReplicaSet", "ghost", UUID.randomUUID().toString())));

    await().atMost(DEADLINE).until(() -> pods().size() == 1);
    assertThat(pods().getFirst().getMetadata().getResourceVersion())
        .isEqualTo(created.getMetadata().getResourceVersion());
  }

  private io.fabric8.kubernetes.client.dsl.RollableScalableResource<ReplicaSet> replicaSet(
      String name) {
    return cluster.client.apps().replicaSets().inNamespace(NS).withName(name);
  }

  private List<Pod> pods() {
    return cluster.client.pods().inNamespace(NS).list().getItems();
  }
}

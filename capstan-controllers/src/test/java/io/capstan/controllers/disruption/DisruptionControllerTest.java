package io.capstan.controllers.disruption;

import static io.capstan.controllers.gc.ClusterFixture.controllerRef;
import static io.capstan.controllers.gc.ClusterFixture.ownerRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.SharedInformers;
import io.capstan.controllers.gc.ClusterFixture;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The disruption controller against a real API server: budgets get their healthy and expected
 * counts from the selected pods and their controllers' scale, and evictions spend what the
 * controller allowed until it sees the pods replaced.
 */
class DisruptionControllerTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private ClusterFixture cluster;
  private SharedInformers informers;
  private Controller controller;

  @BeforeEach
  void start() throws Exception {
    cluster = new ClusterFixture();
    informers = new SharedInformers(cluster.client);
    Clock clock = Clock.systemUTC();
    controller = DisruptionController.create(cluster.client, informers, clock, cluster.scheduler,
        new EventRecorder(cluster.client, DisruptionController.NAME, clock), 1);
    informers.start();
    controller.start().get();
    cluster.createNamespace("shop");
  }

  @AfterEach
  void stop() {
    controller.close();
    informers.close();
    cluster.close();
  }

  @Test
  void minAvailableCountsReadyPodsAndEvictionsSpendTheBudget() {
    ReplicaSet rs = cluster.createReplicaSet("shop", "web");
    for (int i = 1; i <= 3; i++) {
      readyPod("web-" + i, "web", rs);
    }
    createBudget("web", new IntOrString(2), null);

    PodDisruptionBudgetStatus status = awaitStatus("web", s -> s.getDisruptionsAllowed() == 1);
    assertThat(status.getCurrentHealthy()).isEqualTo(3);
    assertThat(status.getDesiredHealthy()).isEqualTo(2);
    assertThat(status.getExpectedPods()).isEqualTo(3);
    assertThat(status.getObservedGeneration()).isEqualTo(1L);
    assertThat(status.getConditions()).singleElement().satisfies(c -> {
      assertThat(c.getType()).isEqualTo("DisruptionAllowed");
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getReason()).isEqualTo("SufficientPods");
    });

    assertThat(cluster.client.pods().inNamespace("shop").withName("web-1").evict()).isTrue();
    assertThat(cluster.client.pods().inNamespace("shop").withName("web-2").evict()).isFalse();

    status = awaitStatus("web", s -> s.getCurrentHealthy() == 2);
    assertThat(status.getDisruptionsAllowed()).isZero();
    assertThat(status.getConditions().getFirst().getReason()).isEqualTo("InsufficientPods");

    readyPod("web-4", "web", rs);
    awaitStatus("web", s -> s.getCurrentHealthy() == 3 && s.getDisruptionsAllowed() == 1);
  }

  @Test
  void aSecondReconcileWritesNothing() throws Exception {
    ReplicaSet rs = cluster.createReplicaSet("shop", "idle");
    readyPod("idle-1", "idle", rs);
    createBudget("idle", new IntOrString(1), null);
    awaitStatus("idle", s -> s.getCurrentHealthy() == 1);
    String written = cluster.client.policy().v1().podDisruptionBudget().inNamespace("shop")
        .withName("idle").get().getMetadata().getResourceVersion();
    var budgets = informers.of(PodDisruptionBudget.class);
    await().atMost(DEADLINE).until(() -> written.equals(budgets.getStore()
        .getByKey("shop/idle").getMetadata().getResourceVersion()));

    DisruptionController again = new DisruptionController(cluster.client, budgets,
        informers.of(Pod.class), new ExpectedPods(informers.of(ReplicaSet.class).getIndexer(),
            informers.of(Deployment.class).getIndexer()),
        new EventRecorder(cluster.client, DisruptionController.NAME, Clock.systemUTC()),
        Clock.systemUTC());
    again.reconcile("shop/idle");

    assertThat(cluster.client.policy().v1().podDisruptionBudget().inNamespace("shop")
        .withName("idle").get().getMetadata().getResourceVersion()).isEqualTo(written);
  }

  @Test
  void percentagesScaleWithTheDeploymentOwningThePods() {
    Deployment deployment = cluster.client.apps().deployments().inNamespace("shop")
        .resource(new DeploymentBuilder().withNewMetadata().withName("api").endMetadata()
            .withNewSpec().withReplicas(4)
            .withNewSelector().addToMatchLabels("app", "api").endSelector()
            .withNewTemplate().withNewMetadata().addToLabels("app", "api").endMetadata()
            .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer()
            .endSpec().endTemplate().endSpec().build()).create();
    ReplicaSet rs = cluster.client.apps().replicaSets().inNamespace("shop")
        .resource(new ReplicaSetBuilder(cluster.createReplicaSet("shop", "api"))
            .editMetadata().withOwnerReferences(controllerRef("Deployment", "api",
                deployment.getMetadata().getUid())).endMetadata().build()).update();
    readyPod("api-1-a", "api", rs);
    readyPod("api-1-b", "api", rs);
    readyPod("api-1-c", "api", rs);
    createBudget("api", null, new IntOrString("50%"));

    PodDisruptionBudgetStatus status = awaitStatus("api", s -> s.getExpectedPods() == 4);
    assertThat(status.getDesiredHealthy()).isEqualTo(2);
    assertThat(status.getCurrentHealthy()).isEqualTo(3);
    assertThat(status.getDisruptionsAllowed()).isEqualTo(1);
  }

  @Test
  void podsOfAControllerWithoutAKnownScaleAllowNoDisruption() {
    Pod pod = cluster.createPod("shop", "db-0", Optional.empty(),
        List.of(controllerRef("StatefulSet", "db", "uid-db")));
    cluster.client.pods().inNamespace("shop").resource(new PodBuilder(pod).editMetadata()
        .addToLabels("app", "db").endMetadata().build()).update();
    createBudget("db", null, new IntOrString(1));

    PodDisruptionBudgetStatus status = await().atMost(DEADLINE).until(() ->
        cluster.client.policy().v1().podDisruptionBudget().inNamespace("shop").withName("db")
            .get().getStatus(), s -> s != null && s.getConditions() != null
            && s.getConditions().stream().anyMatch(c -> "SyncFailed".equals(c.getReason())));
    assertThat(status.getDisruptionsAllowed()).isZero();
    assertThat(status.getConditions().getFirst().getMessage())
        .isEqualTo("found no controllers for pod \"db-0\"");
  }

  private void readyPod(String name, String app, ReplicaSet owner) {
    Pod pod = cluster.createPod("shop", name, Optional.empty(), List.of(ownerRef(owner)));
    pod = cluster.client.pods().inNamespace("shop").resource(new PodBuilder(pod)
        .editMetadata().addToLabels("app", app).endMetadata().build()).update();
    cluster.client.pods().inNamespace("shop").resource(new PodBuilder(pod).withNewStatus()
        .withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
        .endCondition().endStatus().build()).updateStatus();
  }

  private void createBudget(String app, IntOrString minAvailable, IntOrString maxUnavailable) {
    cluster.client.policy().v1().podDisruptionBudget().inNamespace("shop").resource(
        new PodDisruptionBudgetBuilder().withNewMetadata().withName(app).endMetadata()
            .withNewSpec().withMinAvailable(minAvailable).withMaxUnavailable(maxUnavailable)
            .withNewSelector().addToMatchLabels("app", app).endSelector().endSpec().build())
        .create();
  }

  private PodDisruptionBudgetStatus awaitStatus(String name,
      java.util.function.Predicate<PodDisruptionBudgetStatus> condition) {
    PodDisruptionBudgetStatus[] seen = new PodDisruptionBudgetStatus[1];
    await().atMost(DEADLINE).until(() -> {
      PodDisruptionBudget pdb = cluster.client.policy().v1().podDisruptionBudget()
          .inNamespace("shop").withName(name).get();
      seen[0] = pdb.getStatus();
      return seen[0] != null && seen[0].getObservedGeneration() != null
          && condition.test(seen[0]);
    });
    return seen[0];
  }
}

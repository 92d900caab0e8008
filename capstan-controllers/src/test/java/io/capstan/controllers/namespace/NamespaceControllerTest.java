package io.capstan.controllers.namespace;

import static io.capstan.controllers.gc.ClusterFixture.ownerRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controller.runtime.Controller;
import io.capstan.controllers.gc.ClusterFixture;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NamespaceControllerTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private ClusterFixture cluster;
  private Controller controller;

  @BeforeEach
  void start() throws Exception {
    cluster = new ClusterFixture();
    controller = NamespaceController.create(cluster.client, Clock.systemUTC(), cluster.scheduler, 1);
    controller.start().get();
  }

  @AfterEach
  void stop() {
    controller.close();
    cluster.close();
  }

  @Test
  void deletingANamespaceEmptiesItAndThenRemovesIt() {
    cluster.createNamespace("shop");
    cluster.client.configMaps().inNamespace("shop").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("settings").endMetadata()
        .addToData("k", "v").build()).create();
    ReplicaSet rs = cluster.createReplicaSet("shop", "web");
    cluster.createPod("shop", "web-1", Optional.empty(), List.of(ownerRef(rs)));
    cluster.createPod("shop", "loose", Optional.empty(), List.of());

    cluster.client.namespaces().withName("shop").delete();

    await().atMost(DEADLINE).until(() -> namespace("shop") == null);
    assertThat(cluster.client.pods().inNamespace("shop").list().getItems()).isEmpty();
    assertThat(cluster.client.configMaps().inNamespace("shop").list().getItems()).isEmpty();
    assertThat(cluster.client.apps().replicaSets().inNamespace("shop").list().getItems()).isEmpty();
  }

  @Test
  void namespaceStaysTerminatingWhileAPodLingers() {
    cluster.createNamespace("slow");
    cluster.createPod("slow", "bound", Optional.of("node-1"), List.of());

    cluster.client.namespaces().withName("slow").delete();

    await().atMost(DEADLINE).until(() -> cluster.client.pods().inNamespace("slow")
        .withName("bound").get().getMetadata().getDeletionTimestamp() != null);
    Namespace terminating = namespace("slow");
    assertThat(terminating.getStatus().getPhase()).isEqualTo("Terminating");
    assertThat(terminating.getSpec().getFinalizers()).contains("kubernetes");
    await().atMost(DEADLINE).untilAsserted(() -> assertThat(namespace("slow").getStatus()
        .getConditions()).anySatisfy(condition -> {
          assertThat(condition.getType()).isEqualTo("NamespaceContentRemaining");
          assertThat(condition.getStatus()).isEqualTo("True");
          assertThat(condition.getMessage())
              .isEqualTo("Some resources are remaining: pods has 1 resource instances");
        }));
    // While the pod lingers the rechecks find the same condition and write nothing.
    String version = namespace("slow").getMetadata().getResourceVersion();
    controller.queue().add("slow");
    await().during(Duration.ofMillis(1500)).atMost(DEADLINE)
        .until(() -> namespace("slow").getMetadata().getResourceVersion().equals(version));

    cluster.client.pods().inNamespace("slow").withName("bound").withGracePeriod(0).delete();

    await().atMost(DEADLINE).until(() -> namespace("slow") == null);
  }

  @Test
  void liveNamespaceIsLeftUntouched() {
    cluster.createNamespace("calm");
    cluster.client.configMaps().inNamespace("calm").resource(new ConfigMapBuilder()
        .withNewMetadata().withName("settings").endMetadata().build()).create();
    String version = namespace("calm").getMetadata().getResourceVersion();
    // A namespace deleted afterwards is finalized, so the controller has had its turn with calm.
    cluster.createNamespace("gone");
    cluster.client.namespaces().withName("gone").delete();

    await().atMost(DEADLINE).until(() -> namespace("gone") == null);
    assertThat(namespace("calm").getMetadata().getResourceVersion()).isEqualTo(version);
    assertThat(cluster.client.configMaps().inNamespace("calm").withName("settings").get())
        .isNotNull();
  }

  private Namespace namespace(String name) {
    return cluster.client.namespaces().withName(name).get();
  }
}

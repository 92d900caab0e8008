package io.capstan.controllers.podgc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.SharedInformers;
import io.capstan.controllers.gc.ClusterFixture;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PodGarbageCollectorTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final Duration QUARANTINE = Duration.ofMillis(500);

  private ClusterFixture cluster;
  private SharedInformers informers;
  private Controller controller;

  private void start(int terminatedThreshold) throws Exception {
    cluster = new ClusterFixture();
    informers = new SharedInformers(cluster.client);
    controller = PodGarbageCollector.create(cluster.client, informers, Clock.systemUTC(),
        cluster.scheduler, terminatedThreshold, QUARANTINE, Duration.ofMillis(300));
    informers.start();
    controller.start().get();
  }

  @AfterEach
  void stop() {
    controller.close();
    informers.close();
    cluster.close();
  }

  @Test
  void podsOfADeletedNodeAreForceDeletedAndOthersStay() throws Exception {
    start(0);
    node("stays");
    node("goes");
    cluster.createPod("default", "on-stays", Optional.of("stays"), List.of());
    Pod orphan = cluster.createPod("default", "on-goes", Optional.of("goes"), List.of());
    // A pod being deleted on its node waits for the node's word; it never comes now.
    cluster.client.pods().inNamespace("default").withName("on-goes").delete();
    assertThat(pod("on-goes").getMetadata().getDeletionTimestamp()).isNotNull();

    // One still running there, held back by a finalizer so what it went through stays visible.
    Pod running = cluster.createPod("default", "running-on-goes", Optional.of("goes"), List.of());
    cluster.client.pods().inNamespace("default").resource(new PodBuilder(running)
        .editMetadata().addToFinalizers("example.com/hold").endMetadata().build()).update();

    cluster.client.nodes().withName("goes").delete();
    await().atMost(DEADLINE).until(() -> pod("on-goes") == null);
    await().atMost(DEADLINE)
        .until(() -> pod("running-on-goes").getMetadata().getDeletionTimestamp() != null);
    Pod failed = pod("running-on-goes");
    assertThat(failed.getStatus().getPhase()).isEqualTo("Failed");
    assertThat(failed.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("DisruptionTarget");
      assertThat(c.getReason()).isEqualTo("DeletionByPodGC");
      assertThat(c.getMessage()).isEqualTo("PodGC: node no longer exists");
    });
    assertThat(failed.getMetadata().getDeletionGracePeriodSeconds()).isZero();
    assertThat(pod("on-stays")).isNotNull();
    assertThat(orphan.getMetadata().getUid()).isNotNull();
    cluster.client.pods().inNamespace("default").withName("running-on-goes")
        .edit(p -> new PodBuilder(p).editMetadata().withFinalizers(List.of()).endMetadata()
            .build());
  }

  @Test
  void aPodWhoseNodeRegistersAfterItKeepsIt() throws Exception {
    start(0);
    cluster.createPod("default", "early", Optional.of("late-node"), List.of());
    node("late-node");
    // Past the quarantine and a round or two of the collector.
    await().pollDelay(QUARANTINE.multipliedBy(3)).atMost(DEADLINE)
        .until(() -> pod("early") != null);
  }

  @Test
  void terminatedPodsBeyondTheThresholdAreDeleted() throws Exception {
    start(2);
    for (String name : List.of("a", "b", "c", "d")) {
      Pod pod = cluster.createPod("default", name, Optional.empty(), List.of());
      cluster.client.pods().inNamespace("default").resource(new PodBuilder(pod)
          .withNewStatus().withPhase("Succeeded").endStatus().build()).updateStatus();
    }
    cluster.createPod("default", "running", Optional.empty(), List.of());
    await().atMost(DEADLINE).until(() -> cluster.client.pods().inNamespace("default").list()
        .getItems().size() == 3);
    assertThat(pod("running")).isNotNull();
  }

  private void node(String name) {
    cluster.client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).create();
  }

  private Pod pod(String name) {
    return cluster.client.pods().inNamespace("default").withName(name).get();
  }
}

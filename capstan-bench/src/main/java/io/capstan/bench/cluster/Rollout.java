package io.capstan.bench.cluster;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Objects;

/**
 * Creates a Deployment of {@code replicas} (maxSurge and maxUnavailable 25%) and waits until it is
 * complete, then changes its image and waits again, noting the time and the store revisions each
 * step took. Complete means what {@code kubectl rollout status} waits for: the status observes the
 * current generation and every replica is updated and available, with no old ones left.
 */
final class Rollout {

  static final String NAMESPACE = "default";
  static final String NAME = "web";
  private static final long TIMEOUT_NANOS = Duration.ofMinutes(20).toNanos();

  private final KubernetesClient client;

  Rollout(KubernetesClient client) {
    this.client = client;
  }

  /** Waits until {@code nodes} nodes are Ready, so the rollout does not time node start-up. */
  void awaitNodes(int nodes) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (readyNodes() < nodes) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + readyNodes() + " of " + nodes + " nodes Ready");
      }
      Thread.sleep(50);
    }
  }

  private long readyNodes() {
    return client.nodes().list().getItems().stream().filter(Rollout::ready).count();
  }

  private static boolean ready(Node node) {
    return node.getStatus() != null && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  RolloutTimes run(int replicas) throws InterruptedException {
    long before = revision();
    long started = System.nanoTime();
    client.apps().deployments().inNamespace(NAMESPACE).resource(deployment(replicas, "web:v1"))
        .create();
    awaitComplete(replicas);
    long created = System.nanoTime();
    long afterCreate = revision();
    client.apps().deployments().inNamespace(NAMESPACE).withName(NAME).edit(d -> {
      d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage("web:v2");
      return d;
    });
    awaitComplete(replicas);
    long updated = System.nanoTime();
    long afterUpdate = revision();
    return new RolloutTimes(replicas, Duration.ofNanos(created - started),
        Duration.ofNanos(updated - created), afterCreate - before, afterUpdate - afterCreate);
  }

  /** The store revision: a list's resourceVersion is the revision it was read at. */
  long revision() {
    return Long.parseLong(client.configMaps().inNamespace(NAMESPACE).list().getMetadata()
        .getResourceVersion());
  }

  private void awaitComplete(int replicas) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (!complete(replicas)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the rollout did not complete within 20 minutes");
      }
      Thread.sleep(50);
    }
  }

  private boolean complete(int replicas) {
    Deployment d = client.apps().deployments().inNamespace(NAMESPACE).withName(NAME).get();
    DeploymentStatus s = d.getStatus();
    return s != null && s.getObservedGeneration() != null
        && s.getObservedGeneration() >= d.getMetadata().getGeneration()
        && Objects.equals(s.getUpdatedReplicas(), replicas)
        && Objects.equals(s.getAvailableReplicas(), replicas)
        && Objects.equals(s.getReplicas(), replicas);
  }

  private static Deployment deployment(int replicas, String image) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(NAME).withNamespace(NAMESPACE).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", NAME).endSelector()
        .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
        .withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString("25%"))
        .endRollingUpdate().endStrategy()
        .withNewTemplate().withNewMetadata().addToLabels("app", NAME).endMetadata()
        .withNewSpec().addNewContainer().withName(NAME).withImage(image).endContainer().endSpec()
        .endTemplate().endSpec().build();
  }
}

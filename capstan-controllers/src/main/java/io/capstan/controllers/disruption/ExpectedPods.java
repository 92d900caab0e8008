package io.capstan.controllers.disruption;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code getExpectedPodCount}: how many pods a budget expects and how many must be healthy. An
 * integer minAvailable counts the selected pods; a percentage or maxUnavailable counts the scale
 * of the pods' controllers (a ReplicaSet, or the Deployment controlling it), each once.
 */
final class ExpectedPods {

  /** The expected pod count, the healthy pods required, and the pods no controller owns. */
  record Expectation(int expectedCount, int desiredHealthy, List<String> unmanagedPods) {}

  private final Indexer<ReplicaSet> replicaSets;
  private final Indexer<Deployment> deployments;

  ExpectedPods(Indexer<ReplicaSet> replicaSets, Indexer<Deployment> deployments) {
    this.replicaSets = replicaSets;
    this.deployments = deployments;
  }

  /**
   * @throws IllegalStateException when a selected pod's controller is not one whose scale is
   *     known, or a bound is not a valid int or percentage
   */
  Expectation of(PodDisruptionBudget pdb, List<Pod> pods) {
    IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
    IntOrString minAvailable = pdb.getSpec().getMinAvailable();
    List<String> unmanaged = new ArrayList<>();
    if (maxUnavailable != null) {
      int expected = scale(pods, unmanaged);
      int unavailable = scaled(maxUnavailable, expected, true);
      return new Expectation(expected, Math.max(0, expected - unavailable), unmanaged);
    }
    if (minAvailable != null) {
      if (minAvailable.getValue() instanceof Integer count) {
        return new Expectation(pods.size(), count, unmanaged);
      }
      int expected = scale(pods, unmanaged);
      return new Expectation(expected, scaled(minAvailable, expected, true), unmanaged);
    }
    return new Expectation(0, 0, unmanaged);
  }

  /**
   * {@code getExpectedScale}: the summed scale of the distinct controllers of the pods, a
   * Deployment counted once however many of its ReplicaSets own selected pods.
   */
  private int scale(List<Pod> pods, List<String> unmanaged) {
    Map<String, Integer> controllerScale = new LinkedHashMap<>();
    Set<String> resolved = new HashSet<>();
    for (Pod pod : pods) {
      Optional<OwnerReference> ref = controllerOf(pod.getMetadata().getOwnerReferences());
      if (ref.isEmpty()) {
        unmanaged.add(pod.getMetadata().getName());
        continue;
      }
      if (!resolved.add(ref.get().getUid())) {
        continue;
      }
      Map.Entry<String, Integer> found = deploymentScale(ref.get(), pod)
          .or(() -> replicaSetScale(ref.get(), pod))
          .orElseThrow(() -> new IllegalStateException("found no controllers for pod \""
              + pod.getMetadata().getName() + "\""));
      controllerScale.put(found.getKey(), found.getValue());
    }
    return controllerScale.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** {@code getPodReplicaSet}: a ReplicaSet not controlled by a Deployment. */
  private Optional<Map.Entry<String, Integer>> replicaSetScale(OwnerReference ref, Pod pod) {
    return ownedReplicaSet(ref, pod)
        .filter(rs -> controllerOf(rs.getMetadata().getOwnerReferences())
            .map(owner -> !owner.getKind().equals("Deployment")).orElse(true))
        .map(rs -> Map.entry(rs.getMetadata().getUid(), replicas(rs.getSpec().getReplicas())));
  }

  /** {@code getPodDeployment}: the Deployment controlling the pod's ReplicaSet. */
  private Optional<Map.Entry<String, Integer>> deploymentScale(OwnerReference ref, Pod pod) {
    return ownedReplicaSet(ref, pod)
        .flatMap(rs -> controllerOf(rs.getMetadata().getOwnerReferences()))
        .filter(owner -> owner.getKind().equals("Deployment")
            && owner.getApiVersion().startsWith("apps/"))
        .flatMap(owner -> Optional.ofNullable(deployments.getByKey(
                pod.getMetadata().getNamespace() + "/" + owner.getName()))
            .filter(d -> d.getMetadata().getUid().equals(owner.getUid())))
        .map(d -> Map.entry(d.getMetadata().getUid(), replicas(d.getSpec().getReplicas())));
  }

  private Optional<ReplicaSet> ownedReplicaSet(OwnerReference ref, Pod pod) {
    if (!ref.getKind().equals("ReplicaSet") || !(ref.getApiVersion().startsWith("apps/")
        || ref.getApiVersion().startsWith("extensions/"))) {
      return Optional.empty();
    }
    return Optional.ofNullable(replicaSets.getByKey(pod.getMetadata().getNamespace() + "/"
        + ref.getName())).filter(rs -> rs.getMetadata().getUid().equals(ref.getUid()));
  }

  private static int replicas(Integer replicas) {
    return replicas == null ? 1 : replicas;
  }

  static Optional<OwnerReference> controllerOf(List<OwnerReference> owners) {
    return owners == null ? Optional.empty()
        : owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst();
  }

  /** {@code intstr.GetScaledValueFromIntOrPercent}. */
  static int scaled(IntOrString value, int total, boolean roundUp) {
    if (value.getValue() instanceof Integer count) {
      return count;
    }
    String text = String.valueOf(value.getValue());
    if (!text.endsWith("%")) {
      throw new IllegalStateException("invalid value for IntOrString: invalid type: string is "
          + "not a percentage");
    }
    int percent;
    try {
      percent = Integer.parseInt(text.substring(0, text.length() - 1));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("invalid value \"" + text + "\": " + e.getMessage());
    }
    long product = (long) percent * total;
    return (int) (roundUp ? (product + 99) / 100 : product / 100);
  }
}

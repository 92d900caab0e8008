package io.capstan.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * When a pod on a node with NoExecute taints must go, as Kubernetes' taint eviction decides it:
 * a taint none of the pod's tolerations tolerates evicts it at once; otherwise the shortest
 * {@code tolerationSeconds} among the tolerations used (the first that tolerates each taint)
 * counts from when the taints were added — or from the pod's creation if it came later — and a
 * pod whose used tolerations set no seconds stays for good.
 *
 * <p>Example: a pod with the default tolerations (300 s for not-ready and unreachable) on a node
 * tainted {@code unreachable:NoExecute} at 10:00:00 goes at 10:05:00; with a toleration of
 * {@code operator: Exists} and no seconds it never goes.
 */
final class TaintEviction {

  private TaintEviction() {}

  /**
   * The time the pod must be deleted, if ever. {@code addedAt} says when a taint appeared (its
   * {@code timeAdded}, or when the controller first saw it).
   */
  static Optional<Instant> evictionTime(Pod pod, List<Taint> taints,
      Function<Taint, Instant> addedAt) {
    List<Taint> noExecute = taints.stream().filter(t -> "NoExecute".equals(t.getEffect()))
        .toList();
    if (noExecute.isEmpty()) {
      return Optional.empty();
    }
    List<Toleration> tolerations = pod.getSpec() == null || pod.getSpec().getTolerations() == null
        ? List.of() : pod.getSpec().getTolerations();
    Instant start = Instant.MIN;
    Optional<Long> minSeconds = Optional.empty();
    for (Taint taint : noExecute) {
      Optional<Toleration> used = tolerations.stream().filter(t -> tolerates(t, taint))
          .findFirst();
      if (used.isEmpty()) {
        return Optional.of(Instant.EPOCH);
      }
      Instant added = addedAt.apply(taint);
      start = start.isAfter(added) ? start : added;
      Long seconds = used.get().getTolerationSeconds();
      if (seconds != null && (minSeconds.isEmpty() || seconds < minSeconds.get())) {
        minSeconds = Optional.of(seconds);
      }
    }
    if (minSeconds.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> created = Times.parse(pod.getMetadata().getCreationTimestamp());
    if (created.isPresent() && created.get().isAfter(start)) {
      start = created.get();
    }
    return Optional.of(start.plus(Duration.ofSeconds(Math.max(0, minSeconds.get()))));
  }

  /** {@code v1.Toleration.ToleratesTaint}. */
  static boolean tolerates(Toleration toleration, Taint taint) {
    String effect = toleration.getEffect();
    if (effect != null && !effect.isEmpty() && !effect.equals(taint.getEffect())) {
      return false;
    }
    String key = toleration.getKey() == null ? "" : toleration.getKey();
    String operator = toleration.getOperator() == null || toleration.getOperator().isEmpty()
        ? "Equal" : toleration.getOperator();
    if (key.isEmpty()) {
      return operator.equals("Exists");
    }
    if (!key.equals(taint.getKey())) {
      return false;
    }
    return switch (operator) {
      case "Exists" -> true;
      case "Equal" -> nullToEmpty(toleration.getValue()).equals(nullToEmpty(taint.getValue()));
      default -> false;
    };
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}

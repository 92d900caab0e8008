package io.capstan.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The taints a node's Ready condition calls for, as the node lifecycle controller keeps them
 * (NoSchedule as TaintNodesByCondition, NoExecute for taint-based eviction): Ready=False brings
 * {@code node.kubernetes.io/not-ready}, Ready=Unknown {@code node.kubernetes.io/unreachable}, each
 * with both effects, and Ready=True neither. Taints already there keep their {@code timeAdded};
 * a new NoExecute taint is stamped with {@code now}; every other taint is left alone.
 */
final class ConditionTaints {

  static final String NOT_READY = "node.kubernetes.io/not-ready";
  static final String UNREACHABLE = "node.kubernetes.io/unreachable";

  private ConditionTaints() {}

  /** The node's taints for this Ready status ("" when it has no Ready condition: unchanged). */
  static List<Taint> desired(List<Taint> current, String ready, Instant now) {
    if (!List.of("True", "False", "Unknown").contains(ready)) {
      return current;
    }
    Optional<String> wanted = switch (ready) {
      case "False" -> Optional.of(NOT_READY);
      case "Unknown" -> Optional.of(UNREACHABLE);
      default -> Optional.empty();
    };
    List<Taint> result = new ArrayList<>();
    for (Taint taint : current) {
      boolean ours = NOT_READY.equals(taint.getKey()) || UNREACHABLE.equals(taint.getKey());
      if (!ours || wanted.isPresent() && wanted.get().equals(taint.getKey())) {
        result.add(taint);
      }
    }
    wanted.ifPresent(key -> {
      for (String effect : List.of("NoSchedule", "NoExecute")) {
        boolean present = result.stream()
            .anyMatch(t -> key.equals(t.getKey()) && effect.equals(t.getEffect()));
        if (!present) {
          TaintBuilder taint = new TaintBuilder().withKey(key).withEffect(effect);
          if (effect.equals("NoExecute")) {
            taint.withTimeAdded(Times.format(now));
          }
          result.add(taint.build());
        }
      }
    });
    return result;
  }
}

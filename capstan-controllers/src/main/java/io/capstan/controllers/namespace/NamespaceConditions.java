package io.capstan.controllers.namespace;

import io.capstan.controllers.namespace.NamespaceContent.Remaining;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.NamespaceConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The two deletion conditions {@code kubectl describe namespace} shows while content lingers
 * ({@code NamespaceContentRemaining}, {@code NamespaceFinalizersRemaining}), with upstream's
 * reasons and messages. Written through the status subresource only when one changes, so a
 * namespace waiting on a pod's grace period is not rewritten on every recheck.
 */
final class NamespaceConditions {

  static final String CONTENT_REMAINING = "NamespaceContentRemaining";
  static final String FINALIZERS_REMAINING = "NamespaceFinalizersRemaining";

  private final KubernetesClient client;
  private final Clock clock;

  NamespaceConditions(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  void record(Namespace cached, Remaining remaining) {
    List<NamespaceCondition> wanted = List.of(
        condition(CONTENT_REMAINING, !remaining.byResource().isEmpty(),
            "SomeResourcesRemain", "ContentRemoved",
            "Some resources are remaining: " + summary(remaining.byResource(), "has"),
            "All content successfully removed"),
        condition(FINALIZERS_REMAINING, !remaining.byFinalizer().isEmpty(),
            "SomeFinalizersRemain", "ContentHasNoFinalizers",
            "Some content in the namespace has finalizers remaining: "
                + summary(remaining.byFinalizer(), "in"),
            "All content-preserving finalizers finished"));
    List<NamespaceCondition> current = cached.getStatus() == null
        ? List.of() : cached.getStatus().getConditions();
    List<NamespaceCondition> merged = new ArrayList<>();
    boolean changed = false;
    for (NamespaceCondition want : wanted) {
      NamespaceCondition have = current.stream()
          .filter(c -> c.getType().equals(want.getType())).findFirst().orElse(null);
      boolean same = have != null && Objects.equals(have.getStatus(), want.getStatus())
          && Objects.equals(have.getReason(), want.getReason())
          && Objects.equals(have.getMessage(), want.getMessage());
      merged.add(same ? have : want);
      changed |= !same;
    }
    if (!changed) {
      return;
    }
    current.stream()
        .filter(c -> wanted.stream().noneMatch(w -> w.getType().equals(c.getType())))
        .forEach(merged::add);
    Namespace updated = new NamespaceBuilder(cached)
        .editOrNewStatus().withConditions(merged).endStatus().build();
    // The cached resourceVersion makes a concurrent change a conflict (retried), not a lost write.
    client.namespaces().resource(updated).updateStatus();
  }

  private NamespaceCondition condition(String type, boolean remaining, String trueReason,
      String falseReason, String message, String doneMessage) {
    return new NamespaceConditionBuilder()
        .withType(type)
        .withStatus(remaining ? "True" : "False")
        .withReason(remaining ? trueReason : falseReason)
        .withMessage(remaining ? message : doneMessage)
        .withLastTransitionTime(clock.instant().truncatedTo(ChronoUnit.SECONDS).toString())
        .build();
  }

  /** Upstream's wording: "pods has 2 resource instances, replicasets.apps has 1 ...". */
  private static String summary(Map<String, Integer> counts, String verb) {
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " " + verb + " " + e.getValue() + " resource instances")
        .collect(Collectors.joining(", "));
  }
}

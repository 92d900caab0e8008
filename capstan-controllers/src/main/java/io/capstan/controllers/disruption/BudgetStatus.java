package io.capstan.controllers.disruption;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The status the disruption controller writes ({@code trySync}, {@code buildDisruptedPodMap},
 * {@code countHealthyPods}, {@code updatePdbStatus}), computed without side effects.
 */
final class BudgetStatus {

  /** How long an eviction's entry in disruptedPods keeps its pod from counting as healthy. */
  static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);

  static final String CONDITION = "DisruptionAllowed";

  private BudgetStatus() {}

  /** The status and when to look again (an entry of disruptedPods runs out then). */
  record Computed(PodDisruptionBudgetStatus status, Optional<Instant> recheckAt) {}

  static Computed compute(PodDisruptionBudget pdb, List<Pod> pods,
      ExpectedPods.Expectation expectation, Instant now) {
    Map<String, String> recorded = pdb.getStatus() == null
        || pdb.getStatus().getDisruptedPods() == null
        ? Map.of() : pdb.getStatus().getDisruptedPods();
    Map<String, String> disrupted = new TreeMap<>();
    Instant recheck = null;
    for (Pod pod : pods) {
      String since = recorded.get(pod.getMetadata().getName());
      if (pod.getMetadata().getDeletionTimestamp() != null || since == null) {
        continue;
      }
      Optional<Instant> at = parse(since);
      if (at.isEmpty()) {
        continue;
      }
      Instant expectedDeletion = at.get().plus(DELETION_TIMEOUT);
      if (expectedDeletion.isAfter(now)) {
        disrupted.put(pod.getMetadata().getName(), since);
        if (recheck == null || expectedDeletion.isBefore(recheck)) {
          recheck = expectedDeletion;
        }
      }
    }
    int healthy = 0;
    for (Pod pod : pods) {
      if (pod.getMetadata().getDeletionTimestamp() == null
          && !disrupted.containsKey(pod.getMetadata().getName()) && isReady(pod)) {
        healthy++;
      }
    }
    int expected = expectation.expectedCount();
    int desired = expectation.desiredHealthy();
    // A budget that matches no pods yet stays safe until their first sync.
    int allowed = expected <= 0 ? 0 : Math.max(0, healthy - desired);
    long generation = Optional.ofNullable(pdb.getMetadata().getGeneration()).orElse(0L);
    PodDisruptionBudgetStatus status = new PodDisruptionBudgetStatusBuilder()
        .withCurrentHealthy(healthy)
        .withDesiredHealthy(desired)
        .withExpectedPods(expected)
        .withDisruptionsAllowed(allowed)
        .withDisruptedPods(disrupted.isEmpty() ? null : disrupted)
        .withObservedGeneration(generation)
        .withConditions(withCondition(currentConditions(pdb), allowed > 0
            ? condition("True", "SufficientPods", "", generation)
            : condition("False", "InsufficientPods", "", generation), now))
        .build();
    return new Computed(status, Optional.ofNullable(recheck));
  }

  /**
   * {@code failSafe}: no disruptions while the budget cannot be computed; the rest of the status
   * stays as it was, the budget's generation not marked observed.
   */
  static PodDisruptionBudgetStatus failSafe(PodDisruptionBudget pdb, String error, Instant now) {
    PodDisruptionBudgetStatus current = Optional.ofNullable(pdb.getStatus())
        .orElseGet(PodDisruptionBudgetStatus::new);
    long generation = Optional.ofNullable(current.getObservedGeneration()).orElse(0L);
    return new PodDisruptionBudgetStatusBuilder(current)
        .withDisruptionsAllowed(0)
        .withConditions(withCondition(currentConditions(pdb),
            condition("False", "SyncFailed", error, generation), now))
        .build();
  }

  /** Whether {@code next} says nothing {@code current} does not (conditions' times aside). */
  static boolean same(PodDisruptionBudgetStatus current, PodDisruptionBudgetStatus next) {
    if (current == null) {
      return false;
    }
    return Objects.equals(current.getCurrentHealthy(), next.getCurrentHealthy())
        && Objects.equals(current.getDesiredHealthy(), next.getDesiredHealthy())
        && Objects.equals(current.getExpectedPods(), next.getExpectedPods())
        && Objects.equals(current.getDisruptionsAllowed(), next.getDisruptionsAllowed())
        && Objects.equals(emptyToNull(current.getDisruptedPods()),
            emptyToNull(next.getDisruptedPods()))
        && Objects.equals(current.getObservedGeneration(), next.getObservedGeneration())
        && conditionKeys(current.getConditions()).equals(conditionKeys(next.getConditions()));
  }

  /** What a condition says, its time and empty-versus-absent message aside. */
  private static List<String> conditionKeys(List<Condition> conditions) {
    return conditions == null ? List.of() : conditions.stream()
        .map(c -> c.getType() + "/" + c.getStatus() + "/" + c.getReason() + "/"
            + Objects.requireNonNullElse(c.getMessage(), "") + "/" + c.getObservedGeneration())
        .toList();
  }

  static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static List<Condition> currentConditions(PodDisruptionBudget pdb) {
    return pdb.getStatus() == null || pdb.getStatus().getConditions() == null
        ? List.of() : pdb.getStatus().getConditions();
  }

  private static Condition condition(String status, String reason, String message,
      long generation) {
    return new ConditionBuilder().withType(CONDITION).withStatus(status).withReason(reason)
        .withMessage(message).withObservedGeneration(generation).build();
  }

  /**
   * {@code meta.SetStatusCondition}: replaces the condition of the same type, keeping its
   * transition time unless the status changed.
   */
  private static List<Condition> withCondition(List<Condition> conditions, Condition wanted,
      Instant now) {
    List<Condition> result = new ArrayList<>();
    boolean found = false;
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    for (Condition c : conditions) {
      if (!CONDITION.equals(c.getType())) {
        result.add(c);
        continue;
      }
      found = true;
      boolean changed = !wanted.getStatus().equals(c.getStatus())
          || c.getLastTransitionTime() == null;
      result.add(new ConditionBuilder(wanted)
          .withLastTransitionTime(changed ? time : c.getLastTransitionTime()).build());
    }
    if (!found) {
      result.add(new ConditionBuilder(wanted).withLastTransitionTime(time).build());
    }
    return result;
  }

  private static Map<String, String> emptyToNull(Map<String, String> map) {
    return map == null || map.isEmpty() ? null : map;
  }

  private static Optional<Instant> parse(String time) {
    try {
      return Optional.of(Instant.parse(time));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}

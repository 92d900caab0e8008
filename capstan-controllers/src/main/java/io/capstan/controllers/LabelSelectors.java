package io.capstan.controllers;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * {@code metav1.LabelSelectorAsSelector(...).Matches(labels)} over fabric8's typed selector, for
 * every controller: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist) must all
 * hold. As upstream, a null selector matches nothing and an empty one matches everything; callers
 * that must never match everything (a ReplicaSet adopting pods) check {@link #isEmpty} first.
 */
public final class LabelSelectors {

  private LabelSelectors() {}

  /** No selector at all, or one without requirements. */
  public static boolean isEmpty(LabelSelector selector) {
    return selector == null
        || (nullToEmpty(selector.getMatchLabels()).isEmpty()
            && nullToEmpty(selector.getMatchExpressions()).isEmpty());
  }

  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> actual = labels == null ? Map.of() : labels;
    for (Map.Entry<String, String> entry : nullToEmpty(selector.getMatchLabels()).entrySet()) {
      if (!entry.getValue().equals(actual.get(entry.getKey()))) {
        return false;
      }
    }
    for (LabelSelectorRequirement requirement : nullToEmpty(selector.getMatchExpressions())) {
      if (!holds(requirement, actual)) {
        return false;
      }
    }
    return true;
  }

  /** Every label of {@code required} is present with the same value. */
  public static boolean containsAll(Map<String, String> labels, Map<String, String> required) {
    Map<String, String> actual = labels == null ? Map.of() : labels;
    return nullToEmpty(required).entrySet().stream()
        .allMatch(e -> e.getValue().equals(actual.get(e.getKey())));
  }

  private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = nullToEmpty(requirement.getValues());
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> labels.containsKey(requirement.getKey());
      case "DoesNotExist" -> !labels.containsKey(requirement.getKey());
      default -> false;
    };
  }

  private static <K, V> Map<K, V> nullToEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}

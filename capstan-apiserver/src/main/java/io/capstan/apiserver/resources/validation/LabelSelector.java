package io.capstan.apiserver.resources.validation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code metav1.LabelSelector}, as {@code LabelSelectorAsSelector} builds it. A missing
 * selector selects nothing; an empty one ({@code {}}) selects everything.
 */
public sealed interface LabelSelector {

  LabelSelector NOTHING = new Nothing();
  LabelSelector EVERYTHING = new Requirements(List.of());

  boolean matches(Map<String, String> labels);

  /** Kubernetes' {@code Selector.Empty()}: true only for the select-everything selector. */
  boolean isEmpty();

  /** One {@code key op values} term. */
  record Requirement(String key, String operator, Set<String> values) {

    boolean matches(Map<String, String> labels) {
      return switch (operator) {
        case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
        case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
        case "Exists" -> labels.containsKey(key);
        case "DoesNotExist" -> !labels.containsKey(key);
        default -> false;
      };
    }
  }

  /** All requirements must hold. */
  record Requirements(List<Requirement> terms) implements LabelSelector {

    public Requirements {
      terms = List.copyOf(terms);
    }

    @Override
    public boolean matches(Map<String, String> labels) {
      return terms.stream().allMatch(r -> r.matches(labels));
    }

    @Override
    public boolean isEmpty() {
      return terms.isEmpty();
    }
  }

  /** The selector of a nil {@code *LabelSelector}. */
  record Nothing() implements LabelSelector {

    @Override
    public boolean matches(Map<String, String> labels) {
      return false;
    }

    @Override
    public boolean isEmpty() {
      return false;
    }
  }
}

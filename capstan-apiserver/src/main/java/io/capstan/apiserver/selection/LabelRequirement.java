package io.capstan.apiserver.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One requirement of a label selector: a key, an operator and its values. Built only through
 * {@link LabelSelector}, which validates it the way Kubernetes' {@code NewRequirement} does.
 */
public record LabelRequirement(String key, LabelOperator operator, List<String> values) {

  public LabelRequirement {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    values = List.copyOf(values);
  }

  /**
   * Whether the labels satisfy the requirement. A missing key satisfies {@code notin},
   * {@code !=} and {@code !key}; {@code gt}/{@code lt} compare integers and fail on anything
   * that does not parse.
   */
  public boolean matches(Map<String, String> labels) {
    String value = labels.get(key);
    boolean has = labels.containsKey(key);
    return switch (operator) {
      case IN, EQUALS, DOUBLE_EQUALS -> has && values.contains(value);
      case NOT_IN, NOT_EQUALS -> !has || !values.contains(value);
      case EXISTS -> has;
      case DOES_NOT_EXIST -> !has;
      case GREATER_THAN, LESS_THAN -> has && compares(value);
    };
  }

  private boolean compares(String value) {
    if (values.size() != 1) {
      return false;
    }
    try {
      long actual = Long.parseLong(value);
      long bound = Long.parseLong(values.getFirst());
      return operator == LabelOperator.GREATER_THAN ? actual > bound : actual < bound;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Canonical form: {@code !k}, {@code k}, {@code k=v}, {@code k in (a,b)} with sorted values. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (operator == LabelOperator.DOES_NOT_EXIST) {
      s.append('!');
    }
    s.append(key);
    switch (operator) {
      case EQUALS -> s.append('=');
      case DOUBLE_EQUALS -> s.append("==");
      case NOT_EQUALS -> s.append("!=");
      case IN -> s.append(" in ");
      case NOT_IN -> s.append(" notin ");
      case GREATER_THAN -> s.append('>');
      case LESS_THAN -> s.append('<');
      case EXISTS, DOES_NOT_EXIST -> {
        return s.toString();
      }
    }
    boolean set = operator == LabelOperator.IN || operator == LabelOperator.NOT_IN;
    if (set) {
      s.append('(');
    }
    List<String> sorted = new ArrayList<>(values);
    sorted.sort(null);
    s.append(String.join(",", sorted));
    if (set) {
      s.append(')');
    }
    return s.toString();
  }
}

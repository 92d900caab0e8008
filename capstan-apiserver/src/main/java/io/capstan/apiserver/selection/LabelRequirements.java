package io.capstan.apiserver.selection;

import io.capstan.apiserver.resources.validation.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' {@code labels.NewRequirement}: checks the key, the number of values the operator
 * takes and every value, and reports all problems at once with Kubernetes' field paths
 * ({@code key}, {@code values}, {@code values[0][app]}).
 */
final class LabelRequirements {

  /** The binary operators in the order Kubernetes lists them in messages. */
  static final List<LabelOperator> BINARY = List.of(LabelOperator.IN, LabelOperator.NOT_IN,
      LabelOperator.EQUALS, LabelOperator.DOUBLE_EQUALS, LabelOperator.NOT_EQUALS,
      LabelOperator.GREATER_THAN, LabelOperator.LESS_THAN);

  private LabelRequirements() {}

  /**
   * Builds a validated requirement. {@code values} is null for Go's nil slice (an absent or
   * empty {@code values} in a JSON selector), which prints as {@code []string(nil)}.
   */
  static LabelRequirement create(String key, LabelOperator operator, List<String> values) {
    List<String> vals = values == null ? List.of() : values;
    List<String> errors = new ArrayList<>();
    List<String> keyErrors = Names.qualifiedName(key);
    if (!keyErrors.isEmpty()) {
      errors.add(GoErrors.invalid("key", key, String.join("; ", keyErrors)));
    }
    switch (operator) {
      case IN, NOT_IN -> {
        if (vals.isEmpty()) {
          errors.add(GoErrors.invalid("values", vals,
              "for 'in', 'notin' operators, values set can't be empty"));
        }
      }
      case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
        if (vals.size() != 1) {
          errors.add(GoErrors.invalid("values", vals,
              "exact-match compatibility requires one single value"));
        }
      }
      case EXISTS, DOES_NOT_EXIST -> {
        if (!vals.isEmpty()) {
          errors.add(GoErrors.invalid("values", vals,
              "values set must be empty for exists and does not exist"));
        }
      }
      case GREATER_THAN, LESS_THAN -> {
        if (vals.size() != 1) {
          errors.add(GoErrors.invalid("values", vals,
              "for 'Gt', 'Lt' operators, exactly one value is required"));
        }
        for (int i = 0; i < vals.size(); i++) {
          if (!isInt64(vals.get(i))) {
            errors.add(GoErrors.invalid("values[" + i + "]", vals.get(i),
                "for 'Gt', 'Lt' operators, the value must be an integer"));
          }
        }
      }
    }
    for (int i = 0; i < vals.size(); i++) {
      List<String> valueErrors = Names.labelValue(vals.get(i));
      if (!valueErrors.isEmpty()) {
        errors.add(GoErrors.invalid("values[" + i + "][" + key + "]", vals.get(i),
            String.join("; ", valueErrors)));
      }
    }
    if (!errors.isEmpty()) {
      throw new SelectorSyntaxException(GoErrors.aggregate(errors));
    }
    return new LabelRequirement(key, operator, vals);
  }

  /** Go's {@code strconv.ParseInt(s, 10, 64)}: optional sign, ASCII digits, in range. */
  static boolean isInt64(String s) {
    int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (start == s.length()) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    try {
      Long.parseLong(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String binaryOperatorList() {
    return String.join(", ", BINARY.stream().map(LabelOperator::symbol).toList());
  }
}

package io.capstan.apiserver.resources.validation;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Validation of label maps and label selectors ({@code meta/v1/validation}). */
public final class LabelRules {

  private LabelRules() {}

  /** Keys must be qualified names, values valid label values; errors sit on the map's path. */
  public static List<FieldError> validateLabels(Map<String, String> labels, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (Map.Entry<String, String> e : labels.entrySet()) {
      errs.addAll(validateLabelName(e.getKey(), path));
      for (String msg : Names.labelValue(e.getValue())) {
        errs.add(FieldError.invalid(path.text(), e.getValue(), msg));
      }
    }
    return errs;
  }

  public static List<FieldError> validateLabelName(String name, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (String msg : Names.qualifiedName(name)) {
      errs.add(FieldError.invalid(path.text(), name, msg));
    }
    return errs;
  }

  /** Strict selector validation: valid keys, values and operators. Absent selector is valid. */
  public static List<FieldError> validateSelector(JsonNode selector, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (selector == null || selector.isNull() || selector.isMissingNode()) {
      return errs;
    }
    errs.addAll(validateLabels(Nodes.stringMap(selector, "matchLabels"), path.child("matchLabels")));
    List<ObjectNode> expressions = Nodes.objects(selector, "matchExpressions");
    for (int i = 0; i < expressions.size(); i++) {
      errs.addAll(validateRequirement(expressions.get(i), path.child("matchExpressions").index(i)));
    }
    return errs;
  }

  private static List<FieldError> validateRequirement(JsonNode req, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    String operator = Nodes.string(req, "operator");
    List<String> values = Nodes.strings(req, "values");
    switch (operator) {
      case "In", "NotIn" -> {
        if (values.isEmpty()) {
          errs.add(FieldError.required(path.child("values").text(),
              "must be specified when `operator` is 'In' or 'NotIn'"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (!values.isEmpty()) {
          errs.add(FieldError.forbidden(path.child("values").text(),
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
      }
      default -> errs.add(FieldError.invalid(path.child("operator").text(), operator,
          "not a valid selector operator"));
    }
    errs.addAll(validateLabelName(Nodes.string(req, "key"), path.child("key")));
    for (int i = 0; i < values.size(); i++) {
      for (String msg : Names.labelValue(values.get(i))) {
        errs.add(FieldError.invalid(path.child("values").index(i).text(), values.get(i), msg));
      }
    }
    return errs;
  }

  /**
   * Kubernetes' {@code LabelSelectorAsSelector}: a missing selector selects nothing, {@code {}}
   * everything; empty when the selector is invalid.
   */
  public static Optional<LabelSelector> parseSelector(JsonNode selector) {
    if (selector == null || selector.isNull() || selector.isMissingNode()) {
      return Optional.of(LabelSelector.NOTHING);
    }
    if (!validateSelector(selector, FieldPath.ROOT).isEmpty()) {
      return Optional.empty();
    }
    List<LabelSelector.Requirement> terms = new ArrayList<>();
    for (Map.Entry<String, String> e : Nodes.stringMap(selector, "matchLabels").entrySet()) {
      terms.add(new LabelSelector.Requirement(e.getKey(), "In", java.util.Set.of(e.getValue())));
    }
    for (ObjectNode req : Nodes.objects(selector, "matchExpressions")) {
      terms.add(new LabelSelector.Requirement(Nodes.string(req, "key"),
          Nodes.string(req, "operator"), new LinkedHashSet<>(Nodes.strings(req, "values"))));
    }
    return Optional.of(new LabelSelector.Requirements(terms));
  }

  /** A {@code map[string]string} selector (Services): each pair must match exactly. */
  public static LabelSelector fromMap(Map<String, String> selector) {
    List<LabelSelector.Requirement> terms = new ArrayList<>();
    selector.forEach((k, v) ->
        terms.add(new LabelSelector.Requirement(k, "In", java.util.Set.of(v))));
    return new LabelSelector.Requirements(terms);
  }
}

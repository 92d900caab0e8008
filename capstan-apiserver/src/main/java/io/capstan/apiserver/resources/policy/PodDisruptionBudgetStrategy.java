package io.capstan.apiserver.resources.policy;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.GoText;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.LabelRules;
import io.capstan.apiserver.resources.validation.Names;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * policy/v1 PodDisruptionBudgets ({@code pkg/registry/policy/poddisruptionbudget/strategy.go},
 * {@code ValidatePodDisruptionBudgetSpec}): at most one of minAvailable and maxUnavailable, each a
 * non-negative int or a percent of at most 100%, a valid selector, a known unhealthy pod eviction
 * policy; the spec is mutable and tracked by {@code metadata.generation}.
 */
public final class PodDisruptionBudgetStrategy implements ResourceStrategy {

  static final FieldPath SPEC = FieldPath.of("spec");
  static final List<String> EVICTION_POLICIES = List.of("AlwaysAllow", "IfHealthyBudget");
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  @Override
  public void prepareForCreate(ObjectNode pdb) {
    pdb.putObject("status");
    Metadata.setGeneration(pdb, 1);
  }

  @Override
  public void prepareForUpdate(ObjectNode pdb, ObjectNode old) {
    Nodes.copyField(pdb, old, "status");
    if (!Nodes.semanticEquals(pdb.get("spec"), old.get("spec"))) {
      Metadata.bumpGeneration(pdb, old);
    } else {
      Metadata.keepGeneration(pdb, old);
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode pdb) {
    JsonNode spec = Nodes.objectOrEmpty(pdb, "spec");
    List<FieldError> errs = new ArrayList<>();
    JsonNode minAvailable = present(spec.get("minAvailable"));
    JsonNode maxUnavailable = present(spec.get("maxUnavailable"));
    if (minAvailable != null && maxUnavailable != null) {
      errs.add(FieldError.invalid(SPEC.text(), spec,
          "minAvailable and maxUnavailable cannot be both set"));
    }
    if (minAvailable != null) {
      errs.addAll(intOrPercent(minAvailable, SPEC.child("minAvailable")));
    }
    if (maxUnavailable != null) {
      errs.addAll(intOrPercent(maxUnavailable, SPEC.child("maxUnavailable")));
    }
    JsonNode selector = present(spec.get("selector"));
    if (selector != null) {
      errs.addAll(LabelRules.validateSelector(selector, SPEC.child("selector")));
    }
    if (Nodes.has(spec, "unhealthyPodEvictionPolicy")) {
      String policy = Nodes.string(spec, "unhealthyPodEvictionPolicy");
      if (!EVICTION_POLICIES.contains(policy)) {
        errs.add(FieldError.notSupported(SPEC.child("unhealthyPodEvictionPolicy").text(), policy,
            EVICTION_POLICIES));
      }
    }
    return errs;
  }

  private static JsonNode present(JsonNode value) {
    return value == null || value.isNull() ? null : value;
  }

  /**
   * {@code ValidatePositiveIntOrPercent} and {@code IsNotMoreThan100Percent}: a non-negative int,
   * or a percent string that is at most 100%.
   */
  static List<FieldError> intOrPercent(JsonNode value, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (value.isIntegralNumber()) {
      errs.addAll(CommonRules.nonNegative(value.asLong(), path));
      return errs;
    }
    if (!value.isString()) {
      errs.add(FieldError.invalid(path.text(), CommonRules.shown(value),
          "must be an integer or percentage (e.g '5%')"));
      return errs;
    }
    String text = value.asString();
    GoText shown = new GoText(text);
    for (String msg : Names.percent(text)) {
      errs.add(FieldError.invalid(path.text(), shown, msg));
    }
    if (Names.isPercent(text)
        && new BigInteger(text.substring(0, text.length() - 1)).compareTo(HUNDRED) > 0) {
      errs.add(FieldError.invalid(path.text(), shown, "must not be greater than 100%"));
    }
    return errs;
  }
}

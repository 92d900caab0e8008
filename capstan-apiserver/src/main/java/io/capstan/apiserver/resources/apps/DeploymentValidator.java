package io.capstan.apiserver.resources.apps;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.GoText;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.Names;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/** {@code ValidateDeploymentSpec}, its update and status rules (reference §1.3). */
final class DeploymentValidator {

  static final FieldPath SPEC = FieldPath.of("spec");
  static final FieldPath STATUS = FieldPath.of("status");

  private DeploymentValidator() {}

  static List<FieldError> validateSpec(JsonNode deployment, JsonNode old) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = Nodes.objectOrEmpty(deployment, "spec");
    JsonNode oldSpec = old == null ? null : Nodes.objectOrEmpty(old, "spec");
    errs.addAll(CommonRules.nonNegative(Nodes.integer(spec, "replicas"), SPEC.child("replicas")));
    errs.addAll(WorkloadRules.selectorAndTemplate(spec, oldSpec, SPEC));
    errs.addAll(strategy(Nodes.objectOrEmpty(spec, "strategy"), SPEC.child("strategy")));
    long minReady = Nodes.integer(spec, "minReadySeconds");
    errs.addAll(CommonRules.nonNegative(minReady, SPEC.child("minReadySeconds")));
    Nodes.optInteger(spec, "revisionHistoryLimit").ifPresent(limit ->
        errs.addAll(CommonRules.nonNegative(limit, SPEC.child("revisionHistoryLimit"))));
    OptionalLong deadline = Nodes.optInteger(spec, "progressDeadlineSeconds");
    if (deadline.isPresent()) {
      FieldPath p = SPEC.child("progressDeadlineSeconds");
      errs.addAll(CommonRules.nonNegative(deadline.getAsLong(), p));
      if (deadline.getAsLong() <= minReady) {
        errs.add(FieldError.invalid(p.text(), deadline.getAsLong(),
            "must be greater than minReadySeconds"));
      }
    }
    return errs;
  }

  static List<FieldError> validateUpdate(JsonNode deployment, JsonNode old) {
    List<FieldError> errs = new ArrayList<>(validateSpec(deployment, old));
    JsonNode selector = Nodes.objectOrEmpty(deployment, "spec").get("selector");
    errs.addAll(CommonRules.immutable(selector, Nodes.objectOrEmpty(old, "spec").get("selector"),
        SPEC.child("selector")));
    return errs;
  }

  static List<FieldError> validateStatusUpdate(JsonNode deployment, JsonNode old) {
    JsonNode status = Nodes.objectOrEmpty(deployment, "status");
    List<FieldError> errs = new ArrayList<>(WorkloadRules.statusCounts(status, STATUS,
        "observedGeneration", "replicas", "updatedReplicas", "readyReplicas",
        "availableReplicas", "unavailableReplicas"));
    Nodes.optInteger(status, "collisionCount").ifPresent(count ->
        errs.addAll(CommonRules.nonNegative(count, STATUS.child("collisionCount"))));
    errs.addAll(WorkloadRules.notAboveReplicas(status, STATUS, "updatedReplicas",
        "readyReplicas", "availableReplicas"));
    OptionalLong now = Nodes.optInteger(status, "collisionCount");
    OptionalLong before = Nodes.optInteger(Nodes.objectOrEmpty(old, "status"), "collisionCount");
    if (before.isPresent() && (now.isEmpty() || now.getAsLong() < before.getAsLong())) {
      errs.add(FieldError.invalid(STATUS.child("collisionCount").text(), now.orElse(0),
          "cannot be decremented"));
    }
    return errs;
  }

  private static List<FieldError> strategy(JsonNode strategy, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    String type = Nodes.string(strategy, "type");
    FieldPath rollingPath = path.child("rollingUpdate");
    switch (type) {
      case "Recreate" -> {
        if (Nodes.has(strategy, "rollingUpdate")) {
          errs.add(FieldError.forbidden(rollingPath.text(),
              "may not be specified when strategy `type` is 'Recreate'"));
        }
      }
      case "RollingUpdate" -> {
        if (!Nodes.has(strategy, "rollingUpdate")) {
          errs.add(FieldError.required(rollingPath.text(),
              "this should be defaulted and never be nil"));
        } else {
          errs.addAll(rollingUpdate(Nodes.objectOrEmpty(strategy, "rollingUpdate"), rollingPath));
        }
      }
      default -> errs.add(FieldError.notSupported(path.text(), strategy,
          List.of("Recreate", "RollingUpdate")));
    }
    return errs;
  }

  /**
   * Both limits must be non-negative ints or percent strings, may not both be zero by their
   * literal values (percentages are not applied to replicas here), and maxUnavailable may not
   * exceed 100%.
   */
  private static List<FieldError> rollingUpdate(JsonNode rolling, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode maxUnavailable = rolling.get("maxUnavailable");
    JsonNode maxSurge = rolling.get("maxSurge");
    FieldPath unavailablePath = path.child("maxUnavailable");
    errs.addAll(positiveIntOrPercent(maxUnavailable, unavailablePath));
    errs.addAll(positiveIntOrPercent(maxSurge, path.child("maxSurge")));
    if (literalValue(maxUnavailable).signum() == 0 && literalValue(maxSurge).signum() == 0) {
      errs.add(FieldError.invalid(unavailablePath.text(), shown(maxUnavailable),
          "may not be 0 when `maxSurge` is 0"));
    }
    if (isString(maxUnavailable) && Names.isPercent(maxUnavailable.asString())
        && literalValue(maxUnavailable).compareTo(BigInteger.valueOf(100)) > 0) {
      errs.add(FieldError.invalid(unavailablePath.text(), shown(maxUnavailable),
          "must not be greater than 100%"));
    }
    return errs;
  }

  private static List<FieldError> positiveIntOrPercent(JsonNode value, FieldPath path) {
    if (isString(value)) {
      List<FieldError> errs = new ArrayList<>();
      for (String msg : Names.percent(value.asString())) {
        errs.add(FieldError.invalid(path.text(), shown(value), msg));
      }
      return errs;
    }
    return CommonRules.nonNegative(value == null || !value.isNumber() ? 0 : value.asLong(), path);
  }

  /**
   * {@code getIntOrPercentValue}: the number of a percent string, else the value as an int (a
   * non-numeric string reads as 0, as Go's {@code Atoi} failure does).
   */
  private static BigInteger literalValue(JsonNode value) {
    if (value == null || value.isNull()) {
      return BigInteger.ZERO;
    }
    if (value.isNumber()) {
      return BigInteger.valueOf(value.asLong());
    }
    String text = value.asString();
    if (Names.isPercent(text)) {
      return new BigInteger(text.substring(0, text.length() - 1));
    }
    try {
      return new BigInteger(text);
    } catch (NumberFormatException e) {
      return BigInteger.ZERO;
    }
  }

  private static boolean isString(JsonNode value) {
    return value != null && value.isString();
  }

  /** An IntOrString prints with its {@code String()} method: {@code 0}, {@code 25%}. */
  private static GoText shown(JsonNode value) {
    if (value == null || value.isNull()) {
      return new GoText("0");
    }
    return new GoText(value.isNumber() ? Long.toString(value.asLong()) : value.asString());
  }
}

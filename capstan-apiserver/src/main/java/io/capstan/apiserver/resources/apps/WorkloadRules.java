package io.capstan.apiserver.resources.apps;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.pod.PodTemplateValidator;
import io.capstan.apiserver.resources.validation.CommonRules;
import io.capstan.apiserver.resources.validation.LabelRules;
import io.capstan.apiserver.resources.validation.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What Deployments and ReplicaSets share: the strict selector, the template that must match it
 * and restart Always ({@code ValidatePodTemplateSpecForReplicaSet}), and the replica counts of
 * their status.
 */
final class WorkloadRules {

  static final String STATUS_REPLICAS = "cannot be greater than status.replicas";
  static final String READY_REPLICAS = "cannot be greater than readyReplicas";

  private WorkloadRules() {}

  /** Selector present, valid and non-empty; the template matches it and is a valid pod template. */
  static List<FieldError> selectorAndTemplate(JsonNode spec, JsonNode oldSpec, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode selector = spec.get("selector");
    FieldPath selectorPath = path.child("selector");
    boolean missing = selector == null || selector.isNull();
    if (missing) {
      errs.add(FieldError.required(selectorPath.text(), ""));
    } else {
      errs.addAll(LabelRules.validateSelector(selector, selectorPath));
      if (Nodes.objectOrEmpty(selector, "matchLabels").isEmpty()
          && Nodes.list(selector, "matchExpressions").isEmpty()) {
        errs.add(FieldError.invalid(selectorPath.text(), selector,
            "empty selector is invalid for deployment"));
      }
    }
    Optional<LabelSelector> parsed = LabelRules.parseSelector(missing ? null : selector);
    if (parsed.isEmpty()) {
      errs.add(FieldError.invalid(selectorPath.text(), selector, "invalid label selector"));
      return errs;
    }
    JsonNode template = Nodes.objectOrEmpty(spec, "template");
    FieldPath templatePath = path.child("template");
    if (!parsed.get().isEmpty()) {
      Map<String, String> labels = Nodes.stringMap(Nodes.objectOrEmpty(template, "metadata"),
          "labels");
      if (!parsed.get().matches(labels)) {
        errs.add(FieldError.invalid(templatePath.child("metadata", "labels").text(), labels,
            "`selector` does not match template `labels`"));
      }
    }
    JsonNode oldTemplate = oldSpec == null ? null : Nodes.objectOrEmpty(oldSpec, "template");
    errs.addAll(PodTemplateValidator.validate(template, oldTemplate, templatePath));
    JsonNode podSpec = Nodes.objectOrEmpty(template, "spec");
    String restartPolicy = Nodes.string(podSpec, "restartPolicy");
    if (!restartPolicy.equals("Always")) {
      errs.add(FieldError.notSupported(templatePath.child("spec", "restartPolicy").text(),
          restartPolicy, List.of("Always")));
    }
    if (Nodes.has(podSpec, "activeDeadlineSeconds")) {
      errs.add(FieldError.forbidden(templatePath.child("spec", "activeDeadlineSeconds").text(),
          "activeDeadlineSeconds in ReplicaSet is not Supported"));
    }
    return errs;
  }

  /** Non-negative counts, none above {@code replicas}, available not above ready. */
  static List<FieldError> statusCounts(JsonNode status, FieldPath path, String... counts) {
    List<FieldError> errs = new ArrayList<>();
    for (String field : counts) {
      errs.addAll(CommonRules.nonNegative(Nodes.integer(status, field), path.child(field)));
    }
    return errs;
  }

  static List<FieldError> notAboveReplicas(JsonNode status, FieldPath path, String... counts) {
    List<FieldError> errs = new ArrayList<>();
    long replicas = Nodes.integer(status, "replicas");
    for (String field : counts) {
      long value = Nodes.integer(status, field);
      if (value > replicas) {
        errs.add(FieldError.invalid(path.child(field).text(), value, STATUS_REPLICAS));
      }
    }
    long available = Nodes.integer(status, "availableReplicas");
    if (available > Nodes.integer(status, "readyReplicas")) {
      errs.add(FieldError.invalid(path.child("availableReplicas").text(), available,
          READY_REPLICAS));
    }
    return errs;
  }
}

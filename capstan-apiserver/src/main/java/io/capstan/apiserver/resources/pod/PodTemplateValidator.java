package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.LabelRules;
import io.capstan.apiserver.resources.validation.MetadataRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code ValidatePodTemplateSpec} and the pod-specific annotation rules shared with Pods. Label and
 * annotation errors of a template sit on {@code <template>.labels} and
 * {@code <template>.annotations}, without {@code metadata}, as upstream reports them.
 */
public final class PodTemplateValidator {

  public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";
  static final String MIRROR = "kubernetes.io/config.mirror";

  private PodTemplateValidator() {}

  /**
   * @param oldTemplate the stored template on update, or {@code null}: an invalid deletion cost is
   *     tolerated when the stored one was already invalid
   */
  public static List<FieldError> validate(JsonNode template, JsonNode oldTemplate,
      FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode meta = Nodes.objectOrEmpty(template, "metadata");
    JsonNode spec = Nodes.objectOrEmpty(template, "spec");
    errs.addAll(LabelRules.validateLabels(Nodes.stringMap(meta, "labels"), path.child("labels")));
    Map<String, String> annotations = Nodes.stringMap(meta, "annotations");
    errs.addAll(MetadataRules.validateAnnotations(annotations, path.child("annotations")));
    Map<String, String> oldAnnotations = oldTemplate == null ? Map.of()
        : Nodes.stringMap(Nodes.objectOrEmpty(oldTemplate, "metadata"), "annotations");
    errs.addAll(podAnnotations(annotations, spec, path.child("annotations"),
        invalidDeletionCost(oldAnnotations)));
    errs.addAll(PodSpecValidator.validate(spec, path.child("spec"), false));
    if (!Nodes.list(spec, "ephemeralContainers").isEmpty()) {
      errs.add(FieldError.forbidden(path.child("spec", "ephemeralContainers").text(),
          "ephemeral containers not allowed in pod template"));
    }
    return errs;
  }

  /** {@code ValidatePodSpecificAnnotations}. */
  static List<FieldError> podAnnotations(Map<String, String> annotations, JsonNode spec,
      FieldPath path, boolean allowInvalidDeletionCost) {
    List<FieldError> errs = new ArrayList<>();
    if (annotations.containsKey(MIRROR) && Nodes.string(spec, "nodeName").isEmpty()) {
      errs.add(FieldError.invalid(path.key(MIRROR).text(), annotations.get(MIRROR),
          "must set spec.nodeName if mirror pod annotation is set"));
    }
    if (!allowInvalidDeletionCost && invalidDeletionCost(annotations)) {
      errs.add(FieldError.invalid(path.key(DELETION_COST).text(), annotations.get(DELETION_COST),
          "must be a 32bit integer"));
    }
    return errs;
  }

  /** {@code GetDeletionCostFromPodAnnotations} fails: no sign but minus, no leading zeros. */
  static boolean invalidDeletionCost(Map<String, String> annotations) {
    String value = annotations.get(DELETION_COST);
    if (value == null) {
      return false;
    }
    if (value.isEmpty() || !(value.charAt(0) == '-' || value.equals("0")
        || value.charAt(0) >= '1' && value.charAt(0) <= '9')) {
      return true;
    }
    try {
      Integer.parseInt(value);
      return false;
    } catch (NumberFormatException e) {
      return true;
    }
  }
}

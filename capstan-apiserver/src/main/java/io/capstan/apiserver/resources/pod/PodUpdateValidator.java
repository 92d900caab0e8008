package io.capstan.apiserver.resources.pod;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.fields.TreeDiff;
import io.capstan.apiserver.resources.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ValidatePodUpdate}: a pod's spec is immutable except images, a shrinking
 * {@code activeDeadlineSeconds}, added tolerations, removed scheduling gates and (for gated pods)
 * added node-selector entries.
 */
public final class PodUpdateValidator {

  static final String UPDATABLE_FIELDS = "`spec.containers[*].image`,"
      + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
      + "`spec.tolerations` (only additions to existing tolerations),"
      + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously"
      + " negative)";

  private static final FieldPath SPEC = PodValidator.SPEC;

  private PodUpdateValidator() {}

  public static List<FieldError> validate(JsonNode pod, JsonNode old) {
    boolean oldCostInvalid = PodTemplateValidator.invalidDeletionCost(Metadata.annotations(old));
    List<FieldError> errs = new ArrayList<>(PodValidator.metadataAndSpec(pod, oldCostInvalid));
    JsonNode spec = Nodes.objectOrEmpty(pod, "spec");
    JsonNode oldSpec = Nodes.objectOrEmpty(old, "spec");
    for (String list : new String[] {"containers", "initContainers"}) {
      List<ObjectNode> now = Nodes.objects(spec, list);
      if (now.size() != Nodes.objects(oldSpec, list).size()) {
        errs.add(FieldError.forbidden(SPEC.child(list).text(),
            "pod updates may not add or remove containers"));
        return errs;
      }
      for (int i = 0; i < now.size(); i++) {
        if (Nodes.string(now.get(i), "image").isEmpty()) {
          errs.add(FieldError.required(SPEC.child(list).index(i).child("image").text(), ""));
        }
      }
    }
    FieldPath deadline = SPEC.child("activeDeadlineSeconds");
    OptionalLong newDeadline = Nodes.optInteger(spec, "activeDeadlineSeconds");
    OptionalLong oldDeadline = Nodes.optInteger(oldSpec, "activeDeadlineSeconds");
    if (newDeadline.isPresent()) {
      long value = newDeadline.getAsLong();
      if (value < 0 || value > Integer.MAX_VALUE) {
        errs.add(FieldError.invalid(deadline.text(), value,
            Names.inclusiveRangeError(0, Integer.MAX_VALUE)));
        return errs;
      }
      if (oldDeadline.isPresent() && oldDeadline.getAsLong() < value) {
        errs.add(FieldError.invalid(deadline.text(), value,
            "must be less than or equal to previous value"));
        return errs;
      }
    } else if (oldDeadline.isPresent()) {
      errs.add(FieldError.invalid(deadline.text(), null,
          "must not update from a positive integer to nil value"));
    }
    errs.addAll(onlyAddedTolerations(spec, oldSpec));
    errs.addAll(onlyDeletedGates(spec, oldSpec));
    if (Nodes.semanticEquals(spec, oldSpec)) {
      return errs;
    }
    ObjectNode munged = mungeUpdatable(spec, oldSpec, errs);
    if (!Nodes.semanticEquals(munged, oldSpec)) {
      errs.add(FieldError.forbidden(SPEC.text(), "pod updates may not change fields other than "
          + UPDATABLE_FIELDS + "\n" + TreeDiff.describe(oldSpec, munged, "spec")));
    }
    return errs;
  }

  /** A copy of the new spec with every updatable field set back to its old value. */
  private static ObjectNode mungeUpdatable(JsonNode spec, JsonNode oldSpec,
      List<FieldError> errs) {
    ObjectNode munged = spec.isObject() ? (ObjectNode) spec.deepCopy()
        : io.capstan.apiserver.json.Json.object();
    for (String list : new String[] {"containers", "initContainers"}) {
      List<ObjectNode> now = Nodes.objects(munged, list);
      List<ObjectNode> before = Nodes.objects(oldSpec, list);
      for (int i = 0; i < now.size() && i < before.size(); i++) {
        Nodes.copyField(now.get(i), before.get(i), "image");
      }
    }
    Nodes.copyField(munged, oldSpec, "activeDeadlineSeconds");
    Nodes.copyField(munged, oldSpec, "schedulingGates");
    Nodes.copyField(munged, oldSpec, "tolerations");
    OptionalLong oldGrace = Nodes.optInteger(oldSpec, "terminationGracePeriodSeconds");
    if (oldGrace.isPresent() && oldGrace.getAsLong() < 0
        && Nodes.integer(munged, "terminationGracePeriodSeconds") == 1) {
      Nodes.copyField(munged, oldSpec, "terminationGracePeriodSeconds");
    }
    if (!Nodes.list(oldSpec, "schedulingGates").isEmpty()) {
      Map<String, String> oldSelector = Nodes.stringMap(oldSpec, "nodeSelector");
      Map<String, String> newSelector = Nodes.stringMap(munged, "nodeSelector");
      if (!oldSelector.equals(newSelector)) {
        for (Map.Entry<String, String> e : oldSelector.entrySet()) {
          if (!e.getValue().equals(newSelector.get(e.getKey()))) {
            errs.add(FieldError.invalid(SPEC.child("nodeSelector").text(), newSelector,
                "only additions to spec.nodeSelector are allowed (no mutations or deletions)"));
            break;
          }
        }
        Nodes.copyField(munged, oldSpec, "nodeSelector");
      }
    }
    return munged;
  }

  private static List<FieldError> onlyAddedTolerations(JsonNode spec, JsonNode oldSpec) {
    List<ObjectNode> now = Nodes.objects(spec, "tolerations");
    for (ObjectNode before : Nodes.objects(oldSpec, "tolerations")) {
      ObjectNode clone = before.deepCopy();
      clone.remove("tolerationSeconds");
      boolean found = false;
      for (ObjectNode candidate : now) {
        ObjectNode stripped = candidate.deepCopy();
        stripped.remove("tolerationSeconds");
        if (Nodes.semanticEquals(clone, stripped)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return List.of(FieldError.forbidden(SPEC.child("tolerations").text(),
            "existing toleration can not be modified except its tolerationSeconds"));
      }
    }
    return List.of();
  }

  private static List<FieldError> onlyDeletedGates(JsonNode spec, JsonNode oldSpec) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> old = new HashSet<>();
    Nodes.objects(oldSpec, "schedulingGates").forEach(g -> old.add(Nodes.string(g, "name")));
    List<ObjectNode> gates = Nodes.objects(spec, "schedulingGates");
    for (int i = 0; i < gates.size(); i++) {
      String name = Nodes.string(gates.get(i), "name");
      if (!old.contains(name)) {
        errs.add(FieldError.forbidden(SPEC.child("schedulingGates").index(i).child("name").text(),
            "only deletion is allowed, but found new scheduling gate '" + name + "'"));
      }
    }
    return errs;
  }
}

package io.capstan.apiserver.resources.apps;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ReplicaSets ({@code pkg/registry/apps/replicaset/strategy.go}): Deployment rules 2-6, a
 * non-negative {@code minReadySeconds}, an immutable selector, and generation tracking of the
 * spec.
 */
public final class ReplicaSetStrategy implements ResourceStrategy {

  static final FieldPath SPEC = FieldPath.of("spec");

  @Override
  public void applyDefaults(ObjectNode replicaSet) {
    DeploymentDefaults.applyToReplicaSet(replicaSet);
  }

  @Override
  public void prepareForCreate(ObjectNode replicaSet) {
    replicaSet.putObject("status");
    Metadata.setGeneration(replicaSet, 1);
  }

  @Override
  public void prepareForUpdate(ObjectNode replicaSet, ObjectNode old) {
    Nodes.copyField(replicaSet, old, "status");
    applyDefaults(replicaSet);
    ObjectNode oldDefaulted = old.deepCopy();
    DeploymentDefaults.applyToReplicaSet(oldDefaulted);
    if (!Nodes.semanticEquals(replicaSet.get("spec"), oldDefaulted.get("spec"))) {
      Metadata.bumpGeneration(replicaSet, old);
    } else {
      Metadata.keepGeneration(replicaSet, old);
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode replicaSet) {
    return validateSpec(replicaSet, null);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode replicaSet, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>(validateSpec(replicaSet, old));
    errs.addAll(CommonRules.immutable(Nodes.objectOrEmpty(replicaSet, "spec").get("selector"),
        Nodes.objectOrEmpty(old, "spec").get("selector"), SPEC.child("selector")));
    return errs;
  }

  private static List<FieldError> validateSpec(JsonNode replicaSet, JsonNode old) {
    JsonNode spec = Nodes.objectOrEmpty(replicaSet, "spec");
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(CommonRules.nonNegative(Nodes.integer(spec, "replicas"), SPEC.child("replicas")));
    errs.addAll(CommonRules.nonNegative(Nodes.integer(spec, "minReadySeconds"),
        SPEC.child("minReadySeconds")));
    errs.addAll(WorkloadRules.selectorAndTemplate(spec,
        old == null ? null : Nodes.objectOrEmpty(old, "spec"), SPEC));
    return errs;
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode replicaSet) {
    return Map.of("status.replicas", Long.toString(
        Nodes.integer(Nodes.objectOrEmpty(replicaSet, "status"), "replicas")));
  }
}

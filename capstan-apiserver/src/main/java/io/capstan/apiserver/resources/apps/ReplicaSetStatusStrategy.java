package io.capstan.apiserver.resources.apps;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code replicasets/status} subresource: the spec stays as stored. */
public final class ReplicaSetStatusStrategy implements ResourceStrategy {

  private static final FieldPath STATUS = FieldPath.of("status");
  private final ReplicaSetStrategy main = new ReplicaSetStrategy();

  @Override
  public void applyDefaults(ObjectNode replicaSet) {
    main.applyDefaults(replicaSet);
  }

  @Override
  public void prepareForUpdate(ObjectNode replicaSet, ObjectNode old) {
    Nodes.copyField(replicaSet, old, "spec");
    Metadata.keepGeneration(replicaSet, old);
  }

  @Override
  public List<FieldError> validate(ObjectNode replicaSet) {
    return List.of();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode replicaSet, ObjectNode old) {
    JsonNode status = Nodes.objectOrEmpty(replicaSet, "status");
    List<FieldError> errs = new ArrayList<>(WorkloadRules.statusCounts(status, STATUS,
        "replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas",
        "observedGeneration"));
    errs.addAll(WorkloadRules.notAboveReplicas(status, STATUS, "fullyLabeledReplicas",
        "readyReplicas", "availableReplicas"));
    return errs;
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode replicaSet) {
    return main.selectableFields(replicaSet);
  }
}

package io.capstan.apiserver.resources.policy;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.FieldPath;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.validation.CommonRules;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code poddisruptionbudgets/status} subresource, written by the disruption controller and
 * the eviction subresource: the spec stays as stored, the counts may not be negative
 * ({@code ValidatePodDisruptionBudgetStatusUpdate}).
 */
public final class PodDisruptionBudgetStatusStrategy implements ResourceStrategy {

  private static final FieldPath STATUS = FieldPath.of("status");

  @Override
  public void prepareForUpdate(ObjectNode pdb, ObjectNode old) {
    Nodes.copyField(pdb, old, "spec");
    Metadata.keepGeneration(pdb, old);
  }

  @Override
  public List<FieldError> validate(ObjectNode pdb) {
    return List.of();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode pdb, ObjectNode old) {
    JsonNode status = Nodes.objectOrEmpty(pdb, "status");
    List<FieldError> errs = new ArrayList<>();
    for (String field : List.of("disruptionsAllowed", "currentHealthy", "desiredHealthy",
        "expectedPods")) {
      errs.addAll(CommonRules.nonNegative(Nodes.integer(status, field), STATUS.child(field)));
    }
    return errs;
  }
}

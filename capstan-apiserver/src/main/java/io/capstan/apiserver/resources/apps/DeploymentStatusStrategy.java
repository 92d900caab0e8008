package io.capstan.apiserver.resources.apps;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code deployments/status} subresource: spec and labels stay as stored, the generation does
 * not move, and annotation changes are kept (this is how the controller records
 * {@code deployment.kubernetes.io/revision}).
 */
public final class DeploymentStatusStrategy implements ResourceStrategy {

  @Override
  public void applyDefaults(ObjectNode deployment) {
    DeploymentDefaults.applyToDeployment(deployment);
  }

  @Override
  public void prepareForUpdate(ObjectNode deployment, ObjectNode old) {
    Nodes.copyField(deployment, old, "spec");
    Nodes.copyField(Metadata.of(deployment), Metadata.read(old), "labels");
    Metadata.keepGeneration(deployment, old);
  }

  @Override
  public List<FieldError> validate(ObjectNode deployment) {
    return List.of();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode deployment, ObjectNode old) {
    return DeploymentValidator.validateStatusUpdate(deployment, old);
  }
}

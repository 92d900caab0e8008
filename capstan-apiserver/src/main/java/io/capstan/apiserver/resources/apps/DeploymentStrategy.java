package io.capstan.apiserver.resources.apps;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deployments ({@code pkg/registry/apps/deployment/strategy.go}): status cleared on create with
 * generation 1; on update status is kept and the generation bumps when the spec or the
 * annotations change, because annotations are copied to the ReplicaSets.
 */
public final class DeploymentStrategy implements ResourceStrategy {

  @Override
  public void applyDefaults(ObjectNode deployment) {
    DeploymentDefaults.applyToDeployment(deployment);
  }

  @Override
  public void prepareForCreate(ObjectNode deployment) {
    deployment.putObject("status");
    Metadata.setGeneration(deployment, 1);
  }

  /**
   * Defaults are applied before comparing, as Kubernetes compares decoded (defaulted) objects;
   * otherwise omitting a defaulted field would count as a spec change.
   */
  @Override
  public void prepareForUpdate(ObjectNode deployment, ObjectNode old) {
    Nodes.copyField(deployment, old, "status");
    applyDefaults(deployment);
    JsonNode oldDefaulted = old.deepCopy();
    DeploymentDefaults.applyToDeployment((ObjectNode) oldDefaulted);
    boolean specChanged = !Nodes.semanticEquals(deployment.get("spec"), oldDefaulted.get("spec"));
    boolean annotationsChanged = !Nodes.semanticEquals(Metadata.read(deployment).get("annotations"),
        Metadata.read(old).get("annotations"));
    if (specChanged || annotationsChanged) {
      Metadata.bumpGeneration(deployment, old);
    } else {
      Metadata.keepGeneration(deployment, old);
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode deployment) {
    return DeploymentValidator.validateSpec(deployment, null);
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode deployment, ObjectNode old) {
    return DeploymentValidator.validateUpdate(deployment, old);
  }
}

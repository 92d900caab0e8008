package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** The {@code nodes/status} subresource, written by the node agent's heartbeats. */
public final class NodeStatusStrategy implements ResourceStrategy {

  private final NodeStrategy main = new NodeStrategy();

  @Override
  public void applyDefaults(ObjectNode node) {
    main.applyDefaults(node);
  }

  @Override
  public void prepareForUpdate(ObjectNode node, ObjectNode old) {
    Nodes.copyField(node, old, "spec");
    Metadata.keepGeneration(node, old);
  }

  @Override
  public List<FieldError> validate(ObjectNode node) {
    return List.of();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode node, ObjectNode old) {
    return NodeValidator.validateUpdate(node, old);
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode node) {
    return main.selectableFields(node);
  }
}

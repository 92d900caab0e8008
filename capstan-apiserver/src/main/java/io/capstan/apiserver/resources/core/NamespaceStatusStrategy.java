package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.Metadata;
import io.capstan.apiserver.resources.fields.Nodes;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The {@code namespaces/status} subresource: phase follows the deletion timestamp. */
public final class NamespaceStatusStrategy implements ResourceStrategy {

  @Override
  public void applyDefaults(ObjectNode namespace) {
    new NamespaceStrategy().applyDefaults(namespace);
  }

  @Override
  public void prepareForUpdate(ObjectNode namespace, ObjectNode old) {
    Nodes.copyField(namespace, old, "spec");
    Metadata.keepGeneration(namespace, old);
  }

  @Override
  public List<FieldError> validate(ObjectNode namespace) {
    return List.of();
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode namespace, ObjectNode old) {
    String phase = Nodes.string(Nodes.objectOrEmpty(namespace, "status"), "phase");
    boolean deleting = Nodes.has(Metadata.read(namespace), "deletionTimestamp");
    if (!deleting && !phase.equals("Active")) {
      return List.of(FieldError.invalid("status.Phase", phase,
          "may only be 'Active' if `deletionTimestamp` is empty"));
    }
    if (deleting && !phase.equals("Terminating")) {
      return List.of(FieldError.invalid("status.Phase", phase,
          "may only be 'Terminating' if `deletionTimestamp` is not empty"));
    }
    return List.of();
  }
}

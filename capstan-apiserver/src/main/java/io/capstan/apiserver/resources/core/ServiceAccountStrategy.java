package io.capstan.apiserver.resources.core;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.fields.Metadata;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** ServiceAccounts: only their metadata is validated, by the registry. */
public final class ServiceAccountStrategy implements ResourceStrategy {

  @Override
  public void prepareForUpdate(ObjectNode account, ObjectNode old) {
    Metadata.keepGeneration(account, old);
  }

  @Override
  public List<FieldError> validate(ObjectNode account) {
    return List.of();
  }
}

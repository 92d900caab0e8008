package io.capstan.apiserver.resources;

import io.capstan.apiserver.errors.FieldError;
import io.capstan.apiserver.json.Meta;
import io.capstan.apiserver.registry.MetadataValidator;
import io.capstan.apiserver.registry.ResourceType;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The registry's metadata checks: Kubernetes' ObjectMeta rules with each kind's name rule. */
public final class StandardMetadataValidator implements MetadataValidator {

  @Override
  public List<FieldError> validateCreate(ResourceType type, ObjectNode object) {
    return ObjectMetaValidator.validateCreate(Meta.metadata(object), type.namespaced(),
        Strategies.nameRuleFor(type.group(), type.kind()));
  }

  @Override
  public List<FieldError> validateUpdate(ResourceType type, ObjectNode object, ObjectNode old) {
    return ObjectMetaValidator.validateUpdate(Meta.metadata(object), Meta.metadata(old));
  }
}

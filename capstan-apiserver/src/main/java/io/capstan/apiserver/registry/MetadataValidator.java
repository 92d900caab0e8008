package io.capstan.apiserver.registry;

import io.capstan.apiserver.errors.FieldError;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Validates the generic {@code metadata} of any object (names, labels, annotations, owners). */
public interface MetadataValidator {

  List<FieldError> validateCreate(ResourceType type, ObjectNode object);

  List<FieldError> validateUpdate(ResourceType type, ObjectNode object, ObjectNode old);
}

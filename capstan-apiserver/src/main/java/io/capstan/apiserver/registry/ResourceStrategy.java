package io.capstan.apiserver.registry;

import io.capstan.apiserver.errors.FieldError;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * What is particular to one resource, as Kubernetes' registry strategies: the generic registry
 * calls these in a fixed order and does everything else (storage, metadata, conflicts, watch).
 *
 * <p>Create: {@link #prepareForCreate} → {@link #applyDefaults} → {@link #validate}.
 * Update: {@link #prepareForUpdate} → {@link #applyDefaults} → {@link #validateUpdate}.
 *
 * <p>Objects are JSON trees so that fields the strategy does not know survive untouched. The
 * registry has already checked and filled the generic metadata (name, namespace, uid,
 * resourceVersion, creationTimestamp, labels, annotations, finalizers, ownerReferences) when a
 * strategy runs; strategies never touch {@code metadata.resourceVersion}.
 */
public interface ResourceStrategy {

  /** Fills defaulted fields, as the type's defaulting functions do. Idempotent. */
  default void applyDefaults(ObjectNode object) {}

  /**
   * Resets what a client may not set on create (usually {@code status}) and sets
   * {@code metadata.generation} where the type tracks it.
   */
  default void prepareForCreate(ObjectNode object) {}

  /**
   * Carries over what this endpoint may not change (the main resource keeps {@code status}; the
   * status subresource keeps {@code spec}) and bumps {@code metadata.generation} when the spec
   * changed, where the type tracks it.
   */
  default void prepareForUpdate(ObjectNode object, ObjectNode old) {}

  /** Type-specific validation of a new object; the generic metadata is already checked. */
  List<FieldError> validate(ObjectNode object);

  /** Validation of an update, including immutable fields. */
  default List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
    return validate(object);
  }

  /**
   * The values of the field selectors this type supports beyond {@code metadata.name} and
   * {@code metadata.namespace} (for pods: {@code spec.nodeName}, {@code status.phase}, ...).
   * Missing values are the empty string, as in Kubernetes.
   */
  default Map<String, String> selectableFields(ObjectNode object) {
    return Map.of();
  }
}

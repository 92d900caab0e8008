package io.capstan.apiserver.patch;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Applies a PATCH request body to a stored object, the way Kubernetes' patch handler does before
 * the result is decoded, validated and stored. The engines keep no state, so this is a plain
 * function; the only cache is the JDK-managed per-class field table behind {@link PatchSchema}.
 */
public final class Patches {

  private Patches() {}

  /**
   * The patched object, a new tree; {@code current} is left untouched.
   *
   * @param type the patch format, from {@link PatchType#fromContentType(String)}
   * @param current the stored object; must be a JSON object
   * @param patchBody the request body
   * @param modelClass the fabric8 class of the kind, e.g. {@code Deployment.class}, whose fields
   *     tell strategic merge how each list merges; ignored by the other two formats
   * @throws io.capstan.apiserver.errors.ApiException 400 for a malformed patch, 422 for a
   *     well-formed one that cannot be applied (a failed JSON-patch {@code test}, a missing path,
   *     an index out of range), 413 for a JSON patch of more than 10000 operations
   */
  public static JsonNode apply(PatchType type, JsonNode current, byte[] patchBody,
      Class<?> modelClass) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(modelClass, "modelClass");
    if (current == null || !current.isObject()) {
      throw new IllegalArgumentException("the current object must be a JSON object");
    }
    return switch (type) {
      case JSON -> JsonPatch.apply(current, patchBody);
      case MERGE -> MergePatch.apply(current, patchBody);
      case STRATEGIC -> StrategicMergePatch.apply(current, patchBody, modelClass);
    };
  }
}

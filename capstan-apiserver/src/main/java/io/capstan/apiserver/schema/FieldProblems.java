package io.capstan.apiserver.schema;

import io.capstan.apiserver.errors.ApiException;
import java.util.List;

/**
 * The unknown and duplicate fields of a request body, in document order, each as Kubernetes words
 * it: {@code unknown field "spec.template.spec.containers[0].bar"},
 * {@code duplicate field "spec.replicas"}.
 */
public record FieldProblems(List<String> problems) {

  public FieldProblems {
    problems = List.copyOf(problems);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /** The texts of the {@code Warning} headers a {@code Warn} request gets, one per problem. */
  public List<String> warnings() {
    return problems;
  }

  /** {@code strict decoding error: unknown field "spec.foo", unknown field "spec.bar"}. */
  public String strictMessage() {
    return "strict decoding error: " + String.join(", ", problems);
  }

  /**
   * The 400 a {@code Strict} create or update gets, worded as Kubernetes' decoder does:
   * {@code Deployment in version "v1" cannot be handled as a Deployment: strict decoding error:
   * ...}. Patches get {@link #strictMessage()} alone as their BadRequest message.
   */
  public ApiException strictDecodingError(GroupVersionKind kind) {
    return ApiException.badRequest("%s in version \"%s\" cannot be handled as a %s: %s"
        .formatted(kind.kind(), kind.version(), kind.kind(), strictMessage()));
  }

  /** The 400 a {@code Strict} patch gets. */
  public ApiException strictPatchError() {
    return ApiException.badRequest(strictMessage());
  }
}

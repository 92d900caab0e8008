package io.capstan.apiserver.openapi;

import io.capstan.apiserver.schema.GroupVersionKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * One HTTP operation of the API, independent of the OpenAPI dialect it is written in.
 *
 * @param path e.g. {@code /apis/apps/v1/namespaces/{namespace}/deployments/{name}}
 * @param method lower-case HTTP method, as OpenAPI path items name them
 * @param operationId e.g. {@code patchAppsV1NamespacedDeployment}
 * @param action {@code x-kubernetes-action}: get, list, post, put, patch, delete, deletecollection
 * @param kind {@code x-kubernetes-group-version-kind} of the operation
 * @param tag e.g. {@code apps_v1}
 * @param body the request body's definition, when the operation takes one
 * @param consumes request media types (empty when there is no body)
 * @param produces response media types
 * @param responses by status code, in ascending order
 */
record ApiOperation(
    String path,
    String method,
    String operationId,
    String action,
    GroupVersionKind kind,
    String tag,
    String description,
    List<Parameter> parameters,
    Optional<Body> body,
    List<String> consumes,
    List<String> produces,
    SequencedMap<String, Response> responses) {

  ApiOperation {
    Objects.requireNonNull(path, "path");
    parameters = List.copyOf(parameters);
    consumes = List.copyOf(consumes);
    produces = List.copyOf(produces);
  }

  /** A path or query parameter; {@code type} is a JSON scalar type. */
  record Parameter(String name, String in, String type, boolean required, String description) {}

  /** A request body of the given definition. */
  record Body(String definition, boolean required) {}

  /** A response, with the definition of its body when it has one. */
  record Response(String description, Optional<String> definition) {}
}

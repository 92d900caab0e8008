package io.capstan.apiserver.errors;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import java.util.List;

/**
 * The one exception the API server throws for a request it refuses. It carries the Kubernetes
 * {@link Status} that becomes the response body, so an error looks the same whichever layer raised
 * it. Anything else that escapes a handler is a bug and becomes a logged 500.
 */
public final class ApiException extends RuntimeException {

  private final transient Status status;

  public ApiException(Status status) {
    super(status.getMessage(), null, false, false);
    this.status = status;
  }

  public Status status() {
    return status;
  }

  public int code() {
    return status.getCode();
  }

  public String reason() {
    return status.getReason();
  }

  /** {@code resource} is the plural with its group, e.g. {@code deployments.apps}, {@code pods}. */
  public static ApiException notFound(String group, String resource, String name) {
    return of(404, "NotFound", qualified(resource, group) + " \"" + name + "\" not found",
        group, resource, name);
  }

  public static ApiException alreadyExists(String group, String resource, String name) {
    return of(409, "AlreadyExists", qualified(resource, group) + " \"" + name + "\" already exists",
        group, resource, name);
  }

  public static ApiException conflict(String group, String resource, String name, String why) {
    return of(409, "Conflict", "Operation cannot be fulfilled on " + qualified(resource, group)
        + " \"" + name + "\": " + why, group, resource, name);
  }

  /** The optimistic-concurrency failure, with Kubernetes' wording. */
  public static ApiException staleResourceVersion(String group, String resource, String name) {
    return conflict(group, resource, name,
        "the object has been modified; please apply your changes to the latest version and try again");
  }

  /**
   * 422 with one cause per field error, e.g. {@code Deployment.apps "web" is invalid:
   * spec.replicas: Invalid value: -1: must be greater than or equal to 0}.
   */
  public static ApiException invalid(String group, String kind, String name, List<FieldError> errors) {
    String joined;
    if (errors.size() == 1) {
      joined = errors.getFirst().message();
    } else {
      StringBuilder s = new StringBuilder("[");
      for (int i = 0; i < errors.size(); i++) {
        if (i > 0) {
          s.append(", ");
        }
        s.append(errors.get(i).message());
      }
      joined = s.append(']').toString();
    }
    String message = qualified(kind, group) + " \"" + name + "\" is invalid: " + joined;
    List<StatusCause> causes = errors.stream()
        .map(e -> new StatusCauseBuilder()
            .withReason(e.type().reason())
            .withMessage(e.body())
            .withField(e.field())
            .build())
        .toList();
    Status status = new StatusBuilder()
        .withStatus("Failure")
        .withMessage(message)
        .withReason("Invalid")
        .withNewDetails()
        .withName(name)
        .withGroup(group.isEmpty() ? null : group)
        .withKind(kind)
        .withCauses(causes)
        .endDetails()
        .withCode(422)
        .build();
    return new ApiException(status);
  }

  /**
   * 422 for a well-formed request the server cannot carry out, e.g. a JSON patch whose {@code test}
   * fails or whose path does not exist. Kubernetes builds this answer with
   * NewGenericServerResponse, which keeps only a fixed message and empty details.
   */
  public static ApiException unprocessableEntity() {
    return new ApiException(new StatusBuilder()
        .withStatus("Failure")
        .withMessage("the server rejected our request due to an error in our request")
        .withReason("Invalid")
        .withNewDetails()
        .endDetails()
        .withCode(422)
        .build());
  }

  public static ApiException badRequest(String message) {
    return simple(400, "BadRequest", message);
  }

  public static ApiException unauthorized(String message) {
    return simple(401, "Unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return simple(403, "Forbidden", message);
  }

  /** A path or resource the server does not serve. */
  public static ApiException notFoundPath() {
    return simple(404, "NotFound", "the server could not find the requested resource");
  }

  public static ApiException methodNotAllowed(String message) {
    return simple(405, "MethodNotAllowed", message);
  }

  public static ApiException notAcceptable(String message) {
    return simple(406, "NotAcceptable", message);
  }

  /** A watch or list asked for history that is gone. */
  public static ApiException gone(String message) {
    return simple(410, "Expired", message);
  }

  public static ApiException tooLarge(String message) {
    return simple(413, "RequestEntityTooLarge", message);
  }

  public static ApiException unsupportedMediaType(String contentType) {
    return simple(415, "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + "application/json, application/yaml, application/vnd.kubernetes.protobuf"
            + (contentType == null ? "" : "; got " + contentType));
  }

  public static ApiException tooManyRequests(String message) {
    return simple(429, "TooManyRequests", message);
  }

  /**
   * 429 telling the client when to retry, as Kubernetes' NewTooManyRequests: the seconds go in
   * {@code details.retryAfterSeconds}, and the response carries them as {@code Retry-After}.
   */
  public static ApiException tooManyRequests(String message, int retryAfterSeconds) {
    return new ApiException(new StatusBuilder()
        .withStatus("Failure")
        .withMessage(message)
        .withReason("TooManyRequests")
        .withNewDetails()
        .withRetryAfterSeconds(retryAfterSeconds)
        .endDetails()
        .withCode(429)
        .build());
  }

  /** An unexpected failure; the message must not leak internals. */
  public static ApiException internal(String message) {
    return simple(500, "InternalError", message);
  }

  public static ApiException unavailable(String message) {
    return simple(503, "ServiceUnavailable", message);
  }

  public static ApiException timeout(String message) {
    return simple(504, "Timeout", message);
  }

  private static ApiException simple(int code, String reason, String message) {
    return new ApiException(new StatusBuilder()
        .withStatus("Failure")
        .withMessage(message)
        .withReason(reason)
        .withCode(code)
        .build());
  }

  private static ApiException of(int code, String reason, String message, String group,
      String resource, String name) {
    return new ApiException(new StatusBuilder()
        .withStatus("Failure")
        .withMessage(message)
        .withReason(reason)
        .withNewDetails()
        .withName(name)
        .withGroup(group.isEmpty() ? null : group)
        .withKind(resource)
        .endDetails()
        .withCode(code)
        .build());
  }

  private static String qualified(String name, String group) {
    return group.isEmpty() ? name : name + "." + group;
  }
}

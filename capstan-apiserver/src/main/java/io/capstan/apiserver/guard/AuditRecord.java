package io.capstan.apiserver.guard;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * What the front end knows of one finished request, for the audit log. Deliberately without
 * headers or body: nothing here can carry a bearer token or an object's secrets.
 *
 * @param auditId the request's id (Kubernetes echoes it as the {@code Audit-ID} header)
 * @param requestUri path and query as the client sent them
 * @param verb the Kubernetes verb: create, update, patch, delete or deletecollection (see
 *     {@link #verbOf})
 * @param user the authenticated user name
 * @param sourceIp the client's address
 * @param userAgent the User-Agent header, empty if none
 * @param objectRef what the request was about; {@link ObjectRef#NONE} for a path that is no
 *     resource
 * @param code the response's HTTP status
 * @param reason for a failure, the Status reason (e.g. AlreadyExists); empty otherwise
 * @param message for a failure, the Status message; empty otherwise
 */
public record AuditRecord(UUID auditId, String method, String requestUri, String verb,
    String user, List<String> groups, String sourceIp, String userAgent, ObjectRef objectRef,
    int code, String reason, String message, Instant received, Instant completed) {

  public AuditRecord {
    Objects.requireNonNull(auditId, "auditId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(requestUri, "requestUri");
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(user, "user");
    groups = List.copyOf(groups);
    Objects.requireNonNull(sourceIp, "sourceIp");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(objectRef, "objectRef");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(received, "received");
    Objects.requireNonNull(completed, "completed");
  }

  /**
   * The object a request was about; empty strings for what does not apply (the core group is
   * {@code ""}, a collection has no name, a cluster-scoped resource no namespace).
   */
  public record ObjectRef(String resource, String namespace, String name, String apiGroup,
      String apiVersion, String subresource) {

    public static final ObjectRef NONE = new ObjectRef("", "", "", "", "", "");

    public ObjectRef {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(apiGroup, "apiGroup");
      Objects.requireNonNull(apiVersion, "apiVersion");
      Objects.requireNonNull(subresource, "subresource");
    }
  }

  /** Whether a request with {@code method} changes state and so is audited. */
  public static boolean isMutating(String method) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "POST", "PUT", "PATCH", "DELETE" -> true;
      default -> false;
    };
  }

  /**
   * The Kubernetes verb of a mutating request: POST create, PUT update, PATCH patch, DELETE delete
   * on an object and deletecollection on a collection ({@code named} false).
   */
  public static String verbOf(String method, boolean named) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> method.toLowerCase(Locale.ROOT);
    };
  }

  /** Whether the response was a failure, which the event describes with status and reason. */
  public boolean failed() {
    return code >= 400;
  }
}

package io.capstan.apiserver.auth;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.errors.GoQuote;
import io.fabric8.kubernetes.api.model.StatusBuilder;

/**
 * The 401 and 403 answers, worded exactly as Kubernetes' API server words them so that kubectl
 * prints the familiar {@code Error from server (Forbidden): ...}.
 */
public final class AccessErrors {

  private AccessErrors() {}

  /** 401 with message and reason {@code Unauthorized}; it never says what was wrong. */
  public static ApiException unauthorized() {
    return new ApiException(new StatusBuilder()
        .withNewMetadata()
        .endMetadata()
        .withStatus("Failure")
        .withMessage("Unauthorized")
        .withReason("Unauthorized")
        .withCode(401)
        .build());
  }

  /**
   * 403 for a denied request, e.g. {@code pods "p" is forbidden: User "system:node:a" cannot get
   * resource "pods" in API group "" in the namespace "default": <reason>}; the details name the
   * object, its group and its resource as the kind, as Kubernetes' NewForbidden does.
   */
  public static ApiException forbidden(RequestAttributes request, String reason) {
    String message = forbiddenMessage(request);
    if (!reason.isEmpty()) {
      message = message + ": " + reason;
    }
    String group = request.apiGroup();
    String resource = request.resource();
    String qualified = group.isEmpty() ? resource : resource + "." + group;
    String name = request.name();
    String full;
    if (qualified.isEmpty()) {
      full = "forbidden: " + message;
    } else if (name.isEmpty()) {
      full = qualified + " is forbidden: " + message;
    } else {
      full = qualified + " \"" + name + "\" is forbidden: " + message;
    }
    return new ApiException(new StatusBuilder()
        .withNewMetadata()
        .endMetadata()
        .withStatus("Failure")
        .withMessage(full)
        .withReason("Forbidden")
        .withNewDetails()
        .withName(name.isEmpty() ? null : name)
        .withGroup(group.isEmpty() ? null : group)
        .withKind(resource.isEmpty() ? null : resource)
        .endDetails()
        .withCode(403)
        .build());
  }

  private static String forbiddenMessage(RequestAttributes r) {
    String user = "User " + GoQuote.quote(r.user().name()) + " cannot " + r.verb();
    if (!r.isResourceRequest()) {
      return user + " path " + GoQuote.quote(r.path());
    }
    String resource = r.subresource().isEmpty() ? r.resource()
        : r.resource() + "/" + r.subresource();
    String what = user + " resource " + GoQuote.quote(resource) + " in API group "
        + GoQuote.quote(r.apiGroup());
    return r.namespace().isEmpty() ? what + " at the cluster scope"
        : what + " in the namespace " + GoQuote.quote(r.namespace());
  }
}

package io.capstan.apiserver.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a request asks to do, in the terms Kubernetes authorizers use. A resource request has a
 * {@code resource} (and {@code path} empty); a non-resource request ({@code /version}, {@code
 * /metrics}, discovery) has a {@code path} and an empty resource, and its verb is the lower-case
 * HTTP method.
 *
 * @param verb get, list, watch, create, update, patch, delete or deletecollection
 * @param name for create, the name from the body when the caller has read it, otherwise empty
 * @param fieldSelector the request's {@code fieldSelector} query parameter, empty if none
 */
public record RequestAttributes(UserInfo user, String verb, String apiGroup, String resource,
    String subresource, String namespace, String name, String path, String fieldSelector) {

  /**
   * The attributes of a resource request, with the verb derived as Kubernetes' RequestInfoFactory
   * derives it: GET on a collection is list, or watch with {@code watch=true} (anything but
   * {@code false}/{@code 0}) or under {@code /watch/}; DELETE on a collection is deletecollection;
   * and a list or watch whose field selector pins {@code metadata.name} is about that name.
   */
  public static RequestAttributes ofResource(UserInfo user, String method, ResourcePath target,
      Map<String, List<String>> query) {
    String name = target.name();
    String verb = switch (method.toUpperCase(Locale.ROOT)) {
      case "POST" -> "create";
      case "GET", "HEAD" -> "get";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> "delete";
      default -> "";
    };
    String fieldSelector = first(query, "fieldSelector").orElse("");
    if (target.watchPath()) {
      verb = "watch";
    } else if (name.isEmpty() && verb.equals("get")) {
      boolean watch = first(query, "watch")
          .map(v -> !v.equalsIgnoreCase("false") && !v.equals("0"))
          .orElse(false);
      verb = watch ? "watch" : "list";
    } else if (name.isEmpty() && verb.equals("delete")) {
      verb = "deletecollection";
    }
    if ((verb.equals("list") || verb.equals("watch")) && name.isEmpty()) {
      name = FieldSelectors.requiredValue(fieldSelector, "metadata.name").orElse("");
    }
    return new RequestAttributes(user, verb, target.group(), target.resource(),
        target.subresource(), target.namespace(), name, "", fieldSelector);
  }

  /** The attributes of a request for a path that is not a resource, e.g. {@code /metrics}. */
  public static RequestAttributes ofPath(UserInfo user, String method, String path) {
    return new RequestAttributes(user, method.toLowerCase(Locale.ROOT), "", "", "", "", "", path,
        "");
  }

  public boolean isResourceRequest() {
    return !resource.isEmpty();
  }

  /** The value the field selector requires of {@code field}, e.g. {@code spec.nodeName}. */
  public Optional<String> fieldSelectorValue(String field) {
    return FieldSelectors.requiredValue(fieldSelector, field);
  }

  /** This request with the name of the object being created, read from the body by the caller. */
  public RequestAttributes withName(String objectName) {
    return new RequestAttributes(user, verb, apiGroup, resource, subresource, namespace,
        objectName, path, fieldSelector);
  }

  private static Optional<String> first(Map<String, List<String>> query, String key) {
    List<String> values = query.get(key);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }
}

package io.capstan.apiserver.http;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A resource request's coordinates, parsed as Kubernetes' RequestInfoFactory does:
 * {@code /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}} and
 * {@code /apis/{group}/{version}/...}, including the legacy {@code /watch/} prefix.
 *
 * @param watchPath the path used the legacy {@code /watch/} segment
 */
record RequestPath(String group, String version, String namespace, String resource, String name,
    String subresource, boolean watchPath) {

  /** Namespaces' own subresources: {@code /namespaces/x/status} is not a resource named "status". */
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  boolean hasName() {
    return !name.isEmpty();
  }

  /** Parses a resource path; empty for discovery and other non-resource paths. */
  static Optional<RequestPath> parse(String path) {
    List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    String group;
    String version;
    int rest;
    if (parts.size() >= 3 && parts.get(0).equals("api")) {
      group = "";
      version = parts.get(1);
      rest = 2;
    } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      version = parts.get(2);
      rest = 3;
    } else {
      return Optional.empty();
    }
    List<String> segments = parts.subList(rest, parts.size());
    boolean watch = false;
    if (!segments.isEmpty() && segments.get(0).equals("watch")) {
      watch = true;
      segments = segments.subList(1, segments.size());
    }
    if (segments.isEmpty()) {
      return Optional.empty();
    }
    String namespace = "";
    if (segments.get(0).equals("namespaces") && segments.size() > 1) {
      namespace = segments.get(1);
      if (segments.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(segments.get(2))) {
        segments = segments.subList(2, segments.size());
      } else {
        // /namespaces/{name}[/status|/finalize]: the namespace object itself.
        String sub = segments.size() > 2 ? segments.get(2) : "";
        if (segments.size() > 3) {
          return Optional.empty();
        }
        return Optional.of(new RequestPath(group, version, "", "namespaces", namespace, sub, watch));
      }
    }
    if (segments.size() > 3) {
      return Optional.empty();
    }
    String resource = segments.get(0);
    String name = segments.size() > 1 ? segments.get(1) : "";
    String sub = segments.size() > 2 ? segments.get(2) : "";
    return Optional.of(new RequestPath(group, version, namespace, resource, name, sub, watch));
  }
}

package io.capstan.apiserver.registry;

import java.util.Set;

/**
 * The kinds whose PUT creates a missing object, as their Kubernetes strategies allow
 * ({@code AllowCreateOnUpdate}); for every other kind a PUT of a missing object is a 404.
 */
final class CreateOnUpdate {

  private static final Set<String> KINDS = Set.of(
      "/Endpoints", "/Event", "/Service", "coordination.k8s.io/Lease",
      "discovery.k8s.io/EndpointSlice");

  private CreateOnUpdate() {}

  static boolean allowed(ResourceType type) {
    return KINDS.contains(type.group() + "/" + type.kind());
  }
}

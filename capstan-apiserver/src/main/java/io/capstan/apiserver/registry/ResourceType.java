package io.capstan.apiserver.registry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the server needs to know to serve one resource: its names for discovery and paths,
 * its fabric8 model class (for schemas), and its strategies.
 *
 * @param group API group, empty for the core group
 * @param version e.g. {@code v1}
 * @param kind e.g. {@code Deployment}
 * @param plural the resource name in paths, e.g. {@code deployments}
 * @param singular e.g. {@code deployment}
 * @param shortNames e.g. {@code deploy}
 * @param categories e.g. {@code all}
 * @param namespaced whether objects live in a namespace
 * @param subresources e.g. {@code status}, {@code scale}, {@code binding}
 * @param modelClass the fabric8 class of the kind, for schemas and typed access
 * @param strategy for the main resource
 * @param statusStrategy for the {@code status} subresource, when it has one
 */
public record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    List<String> shortNames,
    List<String> categories,
    boolean namespaced,
    Set<String> subresources,
    Class<?> modelClass,
    ResourceStrategy strategy,
    Optional<ResourceStrategy> statusStrategy) {

  public ResourceType {
    Objects.requireNonNull(group, "group");
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
    subresources = Set.copyOf(subresources);
  }

  /** {@code apps/v1}, or {@code v1} for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code deployments.apps}, or {@code pods} for the core group: the name used in messages. */
  public String qualifiedResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** The store key prefix for all objects of this type. */
  public String keyPrefix() {
    return "/registry/" + (group.isEmpty() ? "core" : group) + "/" + plural + "/";
  }

  public boolean hasSubresource(String name) {
    return subresources.contains(name);
  }
}

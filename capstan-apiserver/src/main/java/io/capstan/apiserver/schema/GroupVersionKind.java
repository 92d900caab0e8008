package io.capstan.apiserver.schema;

import java.util.Objects;

/**
 * A Kubernetes group, version and kind, as published in {@code x-kubernetes-group-version-kind}.
 *
 * @param group empty for the core group
 */
public record GroupVersionKind(String group, String version, String kind) {

  public GroupVersionKind {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
  }

  /** {@code apps/v1}, or {@code v1} for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}

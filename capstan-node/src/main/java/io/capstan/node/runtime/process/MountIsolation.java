package io.capstan.node.runtime.process;

/** How a container with mounts gets its private mount namespace. */
enum MountIsolation {
  /** No namespace: the container has no mounts, or the host allows none. */
  NONE,
  /** {@code unshare --mount}: the agent runs as root. */
  MOUNT_NAMESPACE,
  /** {@code unshare --user --map-root-user --mount}: unprivileged, where the kernel allows it. */
  USER_AND_MOUNT_NAMESPACE
}

package io.capstan.node.podconfig;

import io.capstan.node.runtime.ContainerConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kubelet's {@code makeMounts} for volumes the agent prepared: each mount's host path is its
 * volume's directory, or the {@code subPath} inside it ({@code subPathExpr} expanded with the
 * container's environment, every referenced variable required and non-empty). A sub path must be
 * relative, must not contain {@code ..}, is created as a directory when missing, and must still be
 * inside the volume once symlinks are followed.
 *
 * <p>One deliberate difference: the kubelet bind-mounts the sub path's resolved target, so a
 * ConfigMap key mounted by sub path never sees updates. A process runtime has no bind mounts, and
 * the resolved target lives in a timestamped directory that the next update deletes; the host path
 * given here is therefore the unresolved {@code volume/subPath}, which keeps following the volume.
 */
final class VolumeMounts {

  private VolumeMounts() {}

  static List<ContainerConfig.Mount> resolve(Container container, Map<String, Path> volumes,
      Map<String, String> env) throws ContainerConfigError {
    List<ContainerConfig.Mount> mounts = new ArrayList<>();
    for (VolumeMount mount : container.getVolumeMounts() == null
        ? List.<VolumeMount>of() : container.getVolumeMounts()) {
      Path volume = volumes.get(mount.getName());
      if (volume == null) {
        throw new ContainerConfigError("cannot find volume \"" + mount.getName()
            + "\" to mount into container \"" + container.getName() + "\"");
      }
      String subPath = mount.getSubPath() == null ? "" : mount.getSubPath();
      if (mount.getSubPathExpr() != null && !mount.getSubPathExpr().isEmpty()) {
        subPath = expandSubPath(mount.getSubPathExpr(), env);
      }
      Path hostPath = subPath.isEmpty() ? volume
          : subPathIn(volume, subPath, mount.getName(), container.getName());
      mounts.add(new ContainerConfig.Mount(mount.getMountPath(), hostPath,
          Boolean.TRUE.equals(mount.getReadOnly())));
    }
    return mounts;
  }

  /** {@code ExpandContainerVolumeMounts}: a missing or empty variable is an error. */
  static String expandSubPath(String expr, Map<String, String> env) throws ContainerConfigError {
    Set<String> missing = new TreeSet<>();
    String expanded = VariableExpansion.expand(expr, name -> {
      String value = env.get(name);
      if (value == null || value.isEmpty()) {
        missing.add(name);
        return "";
      }
      return value;
    });
    if (!missing.isEmpty()) {
      throw new ContainerConfigError("missing value for " + String.join(", ", missing));
    }
    return expanded;
  }

  private static Path subPathIn(Path volume, String subPath, String volumeName,
      String containerName) throws ContainerConfigError {
    if (subPath.startsWith("/")) {
      throw new ContainerConfigError(
          "error SubPath `" + subPath + "` must not be an absolute path");
    }
    for (String part : subPath.split("/", -1)) {
      if (part.equals("..")) {
        throw new ContainerConfigError(
            "unable to provision SubPath `" + subPath + "`: must not contain '..'");
      }
    }
    Path hostPath = volume.resolve(subPath).normalize();
    try {
      if (!Files.exists(hostPath, LinkOption.NOFOLLOW_LINKS)) {
        makeDirectoryInside(volume, hostPath, volumeName, containerName);
      }
      Path realVolume = volume.toRealPath();
      Path realSubPath = hostPath.toRealPath();
      if (!realSubPath.startsWith(realVolume)) {
        throw new ContainerConfigError("subpath \"" + realSubPath
            + "\" not within volume path \"" + realVolume + "\"");
      }
    } catch (IOException e) {
      throw new ContainerConfigError("evalSymlinks \"" + hostPath + "\" failed: " + e.getMessage());
    }
    return hostPath;
  }

  /**
   * Creates the missing directories of a sub path with the volume's own permissions, refusing to
   * step through a symlink that leaves the volume (the kubelet's {@code SafeMakeDir}).
   */
  private static void makeDirectoryInside(Path volume, Path target, String volumeName,
      String containerName) throws ContainerConfigError, IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(volume);
    Path realVolume = volume.toRealPath();
    Path current = volume;
    for (Path part : volume.relativize(target)) {
      current = current.resolve(part);
      if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
        if (!current.toRealPath().startsWith(realVolume)) {
          throw new ContainerConfigError("failed to create subPath directory for volumeMount \""
              + volumeName + "\" of container \"" + containerName + "\"");
        }
        continue;
      }
      try {
        Files.createDirectory(current);
        Files.setPosixFilePermissions(current, perms);
      } catch (UncheckedIOException | IOException e) {
        throw new ContainerConfigError("failed to create subPath directory for volumeMount \""
            + volumeName + "\" of container \"" + containerName + "\"");
      }
    }
  }
}

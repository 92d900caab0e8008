package io.capstan.node.runtime.process;

import io.capstan.node.runtime.ContainerConfig.Mount;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Mount points on the host. A bind mount needs its target to exist, of the same kind as its
 * source (a directory for a directory, a file for a file subPath). Targets that are missing are
 * created and recorded, so that removing the container removes them again, as long as they are
 * still empty. A target nested in another mount's target (say {@code /data/cache} under
 * {@code /data}) is created inside that other mount's host directory, which is where the
 * namespace will look for it once the outer mount is in place.
 */
final class MountPoints {

  private MountPoints() {}

  /** The mounts in the order they must be made: outer targets before the ones nested in them. */
  static List<Mount> inMountOrder(List<Mount> mounts) {
    return mounts.stream()
        .sorted(Comparator.comparingInt(m -> Path.of(m.containerPath()).normalize().getNameCount()))
        .toList();
  }

  /**
   * Creates every missing target; returns what it created, parents before children, as absolute
   * path strings.
   */
  static List<String> create(List<Mount> mounts) throws IOException {
    List<String> created = new ArrayList<>();
    for (Mount mount : inMountOrder(mounts)) {
      Path target = hostLocation(mount, mounts);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      boolean file = Files.isRegularFile(mount.hostPath());
      createParents(file ? target.getParent() : target, created);
      if (file) {
        Files.createFile(target);
        created.add(target.toString());
      }
    }
    return created;
  }

  /**
   * Removes {@code created} in reverse order, each only while it is still an empty directory or
   * an empty file; anything the container or someone else filled stays.
   */
  static void removeIfEmpty(List<String> created) {
    for (String path : created.reversed()) {
      Path p = Path.of(path);
      try {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
            || (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == 0)) {
          Files.deleteIfExists(p);
        }
      } catch (DirectoryNotEmptyException e) {
        // Someone put something there: it is theirs now.
      } catch (IOException e) {
        // Best effort: a leftover empty mount point harms nobody.
      }
    }
  }

  /** Whether {@code path} is, or lies under, the target of one of {@code mounts}. */
  static boolean isUsedBy(String path, List<Mount> mounts) {
    Path p = Path.of(path);
    return mounts.stream().anyMatch(m -> Path.of(m.containerPath()).normalize().startsWith(p));
  }

  /** Where the target of {@code mount} lives on the host before any mount is made. */
  static Path hostLocation(Mount mount, List<Mount> all) {
    Path target = Path.of(mount.containerPath()).normalize();
    Optional<Mount> enclosing =
        all.stream()
            .filter(m -> m != mount)
            .filter(m -> !Path.of(m.containerPath()).normalize().equals(target))
            .filter(m -> target.startsWith(Path.of(m.containerPath()).normalize()))
            .max(Comparator.comparingInt(m -> Path.of(m.containerPath()).normalize().getNameCount()));
    if (enclosing.isEmpty()) {
      return target;
    }
    Path outer = Path.of(enclosing.get().containerPath()).normalize();
    return enclosing.get().hostPath().resolve(outer.relativize(target));
  }

  private static void createParents(Path directory, List<String> created) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = directory; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
      missing.add(p);
    }
    for (Path p : missing.reversed()) {
      Files.createDirectory(p);
      created.add(p.toString());
    }
  }
}

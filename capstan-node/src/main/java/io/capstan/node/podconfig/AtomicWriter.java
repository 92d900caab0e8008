package io.capstan.node.podconfig;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The kubelet's atomic writer ({@code pkg/volume/util/atomic_writer.go}): publishes a whole set of
 * files into a volume directory so that a reader sees either the old set or the new one, never a
 * mix.
 *
 * <p>Layout of a volume holding {@code a} and {@code dir/b}:
 * <pre>
 *   ..2024_05_01_10_00_00.123456/a        the files of one version
 *   ..2024_05_01_10_00_00.123456/dir/b
 *   ..data -> ..2024_05_01_10_00_00.123456
 *   a -> ..data/a                         user-visible names, one per top-level entry
 *   dir -> ..data/dir
 * </pre>
 * A write puts the new version in a fresh timestamped directory, points {@code ..data_tmp} at it
 * and renames {@code ..data_tmp} over {@code ..data} — the one atomic step — then adds links for
 * new top-level names, removes links for names that are gone, and deletes the old version. A
 * reader that opened {@code a} (or resolved {@code ..data}) before the swap keeps reading the old
 * version's files until it reopens. Nothing is written when every file already has its content
 * and no name disappeared; the links are still checked. Upstream compares content only, so a
 * changed mode alone does not rewrite either.
 */
final class AtomicWriter {

  static final String DATA_DIR = "..data";
  static final String NEW_DATA_DIR = "..data_tmp";
  private static final int MAX_FILE_NAME = 255;
  private static final int MAX_PATH = 4096;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss'.'").withZone(ZoneOffset.UTC);

  private final Path target;
  private final Clock clock;

  AtomicWriter(Path target, Clock clock) {
    this.target = target;
    this.clock = clock;
  }

  /** Publishes {@code payload} (relative path → file); returns whether a new version was made. */
  boolean write(Map<String, FileProjection> payload) throws IOException {
    Map<String, FileProjection> clean = validate(payload);
    Optional<String> oldVersion = currentVersion();
    Set<String> toRemove = Set.of();
    boolean shouldWrite = true;
    if (oldVersion.isPresent()) {
      Path oldDir = target.resolve(oldVersion.get());
      toRemove = pathsToRemove(clean, oldDir);
      if (!contentDiffers(clean, oldDir) && toRemove.isEmpty()) {
        shouldWrite = false;
        oldVersion = Optional.empty();
      }
    }
    if (shouldWrite) {
      Path versionDir = Files.createTempDirectory(target, STAMP.format(clock.instant()));
      Files.setPosixFilePermissions(versionDir, permissions(0755));
      writeFiles(clean, versionDir);
      Path newData = target.resolve(NEW_DATA_DIR);
      // A crash between link and rename leaves a stale ..data_tmp; the kubelet would fail on it
      // forever, replacing it is safe because ..data is what readers follow.
      Files.deleteIfExists(newData);
      try {
        Files.createSymbolicLink(newData, versionDir.getFileName());
      } catch (IOException e) {
        deleteTree(versionDir);
        throw e;
      }
      Files.move(newData, target.resolve(DATA_DIR), StandardCopyOption.ATOMIC_MOVE);
    }
    createUserVisibleLinks(clean);
    for (String path : toRemove) {
      if (!path.contains("/")) {
        Files.deleteIfExists(target.resolve(path));
      }
    }
    if (oldVersion.isPresent()) {
      deleteTree(target.resolve(oldVersion.get()));
    }
    return shouldWrite;
  }

  /** The name of the version directory {@code ..data} points at, if any. */
  Optional<String> currentVersion() throws IOException {
    try {
      return Optional.of(Files.readSymbolicLink(target.resolve(DATA_DIR)).toString());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Paths must be relative, without {@code ..} elements, and not start with {@code ..}. */
  static Map<String, FileProjection> validate(Map<String, FileProjection> payload)
      throws IOException {
    Map<String, FileProjection> clean = new TreeMap<>();
    for (var e : payload.entrySet()) {
      String path = e.getKey();
      if (path.isEmpty()) {
        throw new IOException("invalid path: must not be empty: \"\"");
      }
      if (path.startsWith("/")) {
        throw new IOException("invalid path: must be relative path: " + path);
      }
      if (path.length() > MAX_PATH) {
        throw new IOException("invalid path: must be less than or equal to " + MAX_PATH
            + " characters");
      }
      String[] items = path.split("/", -1);
      for (String item : items) {
        if (item.equals("..")) {
          throw new IOException("invalid path: must not contain '..': " + path);
        }
        if (item.length() > MAX_FILE_NAME) {
          throw new IOException("invalid path: filenames must be less than or equal to "
              + MAX_FILE_NAME + " characters");
        }
      }
      if (items[0].startsWith("..") && items[0].length() > 2) {
        throw new IOException("invalid path: must not start with '..': " + path);
      }
      clean.put(cleanPath(path), e.getValue());
    }
    return clean;
  }

  /** Go's {@code filepath.Clean} for a relative path without {@code ..}. */
  private static String cleanPath(String path) {
    String joined = String.join("/", Arrays.stream(path.split("/"))
        .filter(p -> !p.isEmpty() && !p.equals(".")).toList());
    return joined.isEmpty() ? "." : joined;
  }

  private static Set<String> pathsToRemove(Map<String, FileProjection> payload, Path oldDir)
      throws IOException {
    Set<String> existing = new HashSet<>();
    if (!Files.isDirectory(oldDir)) {
      return Set.of();
    }
    try (Stream<Path> walk = Files.walk(oldDir)) {
      walk.filter(p -> !p.equals(oldDir))
          .forEach(p -> existing.add(oldDir.relativize(p).toString()));
    }
    Set<String> wanted = new HashSet<>();
    for (String file : payload.keySet()) {
      for (String sub = file; !sub.isEmpty(); ) {
        wanted.add(sub);
        int slash = sub.lastIndexOf('/');
        sub = slash < 0 ? "" : sub.substring(0, slash);
      }
    }
    existing.removeAll(wanted);
    return existing;
  }

  private static boolean contentDiffers(Map<String, FileProjection> payload, Path oldDir)
      throws IOException {
    for (var e : payload.entrySet()) {
      Path file = oldDir.resolve(e.getKey());
      if (!Files.isRegularFile(file)
          || !Arrays.equals(Files.readAllBytes(file), e.getValue().data())) {
        return true;
      }
    }
    return false;
  }

  private static void writeFiles(Map<String, FileProjection> payload, Path dir)
      throws IOException {
    for (var e : payload.entrySet()) {
      Path file = dir.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue().data());
      // Set explicitly: the mode asked for must not be narrowed by the process umask.
      Files.setPosixFilePermissions(file, permissions(e.getValue().mode()));
    }
  }

  private void createUserVisibleLinks(Map<String, FileProjection> payload) throws IOException {
    for (String path : payload.keySet()) {
      int slash = path.indexOf('/');
      String top = slash < 0 ? path : path.substring(0, slash);
      Path visible = target.resolve(top);
      if (!Files.exists(visible, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createSymbolicLink(visible, Path.of(DATA_DIR, top));
        } catch (FileAlreadyExistsException raced) {
          // Another name with the same top-level directory already created it.
        }
      }
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_READ};
    for (int bit = 0; bit < order.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        perms.add(order[bit]);
      }
    }
    return perms;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

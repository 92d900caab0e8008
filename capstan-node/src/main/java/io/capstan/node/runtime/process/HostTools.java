package io.capstan.node.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The host programs the runtime drives (util-linux's {@code setsid}, {@code unshare},
 * {@code nsenter}, {@code mount}, a {@code kill} that signals process groups, and {@code /bin/sh}),
 * found once by absolute path so that a container's own {@code PATH} never decides which one
 * runs, and which kind of mount namespace this host grants, found by trying it once.
 */
final class HostTools {

  private static final List<String> SEARCH_PATH =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  final Path shell;
  final Optional<Path> setsid;
  final Optional<Path> unshare;
  final Optional<Path> nsenter;
  final Optional<Path> mount;
  final Optional<Path> kill;
  private MountIsolation isolation;
  private String isolationProblem = "";

  HostTools() {
    shell = find("sh").orElse(Path.of("/bin/sh"));
    setsid = find("setsid");
    unshare = find("unshare");
    nsenter = find("nsenter");
    mount = find("mount");
    kill = find("kill");
  }

  /** The mount namespace this host grants; tried on first use, then remembered. */
  synchronized MountIsolation mountIsolation() {
    if (isolation == null) {
      isolation = probeIsolation();
    }
    return isolation;
  }

  /** Why {@link #mountIsolation()} is {@link MountIsolation#NONE}, in words. */
  synchronized String isolationProblem() {
    mountIsolation();
    return isolationProblem;
  }

  /** The {@code unshare} arguments that create the namespace of {@code kind}. */
  List<String> unshareCommand(MountIsolation kind) {
    String program = unshare.orElseThrow().toString();
    return switch (kind) {
      case MOUNT_NAMESPACE -> List.of(program, "--mount", "--propagation", "private");
      case USER_AND_MOUNT_NAMESPACE ->
          List.of(program, "--user", "--map-root-user", "--mount", "--propagation", "private");
      case NONE -> List.of();
    };
  }

  private MountIsolation probeIsolation() {
    if (unshare.isEmpty() || mount.isEmpty() || nsenter.isEmpty()) {
      isolationProblem = "util-linux's unshare, nsenter and mount are not all installed on this node";
      return MountIsolation.NONE;
    }
    MountIsolation kind =
        isRoot() ? MountIsolation.MOUNT_NAMESPACE : MountIsolation.USER_AND_MOUNT_NAMESPACE;
    List<String> probe = new java.util.ArrayList<>(unshareCommand(kind));
    probe.add(shell.toString());
    probe.add("-c");
    probe.add("true");
    if (succeeds(probe)) {
      return kind;
    }
    isolationProblem =
        kind == MountIsolation.MOUNT_NAMESPACE
            ? "the kernel refused a mount namespace (unshare --mount failed)"
            : "the agent does not run as root and the kernel refuses unprivileged user namespaces"
                + " (unshare --user --map-root-user --mount failed)";
    return MountIsolation.NONE;
  }

  private static boolean succeeds(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean isRoot() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static Optional<Path> find(String program) {
    return SEARCH_PATH.stream()
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }
}

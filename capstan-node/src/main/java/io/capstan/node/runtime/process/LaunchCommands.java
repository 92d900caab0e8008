package io.capstan.node.runtime.process;

import io.capstan.node.runtime.ContainerConfig.EnvVar;
import io.capstan.node.runtime.ContainerConfig.Mount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command lines that start a container and run an exec in it. A container starts as
 * {@code setsid [unshare ...] sh -c <prelude> <command> <args>}: {@code setsid} makes it the
 * leader of its own session and process group (so one signal reaches everything it forks),
 * {@code unshare} gives it a private mount namespace when it has mounts, and the prelude makes the
 * bind mounts, enters the working directory, checks that the command exists and then
 * {@code exec}s it, so the container's pid is the command's pid. When the prelude cannot do its
 * part it writes why to a start-error file and exits with 128, which the runtime reports as
 * {@code StartError}, as containerd does when runc fails to start a container.
 */
final class LaunchCommands {

  /** The {@code PATH} container runtimes give a container whose environment has none. */
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  static final int START_ERROR_EXIT_CODE = 128;

  private LaunchCommands() {}

  static List<String> start(
      HostTools tools,
      MountIsolation isolation,
      List<Mount> mounts,
      String workingDirectory,
      Path startErrorFile,
      List<String> commandLine) {
    StringBuilder script = new StringBuilder();
    script
        .append("fail() { printf '%s\\n' \"$1\" > ")
        .append(quote(startErrorFile.toString()))
        .append("; printf 'capstan: %s\\n' \"$1\" >&2; exit ")
        .append(START_ERROR_EXIT_CODE)
        .append("; }\n");
    for (Mount mount : MountPoints.inMountOrder(mounts)) {
      String mountProgram = quote(tools.mount.orElseThrow().toString());
      String source = quote(mount.hostPath().toString());
      String target = quote(mount.containerPath());
      script
          .append(mountProgram).append(" --bind ").append(source).append(' ').append(target)
          .append(" || fail ")
          .append(quote("cannot bind-mount " + mount.hostPath() + " at " + mount.containerPath()))
          .append('\n');
      if (mount.readOnly()) {
        script
            .append(mountProgram).append(" -o remount,bind,ro ").append(target)
            .append(" || fail ")
            .append(quote("cannot make " + mount.containerPath() + " read-only"))
            .append('\n');
      }
    }
    script
        .append("cd ").append(quote(workingDirectory))
        .append(" || fail ")
        .append(quote("working directory \"" + workingDirectory + "\" does not exist"))
        .append('\n')
        .append("case \"$1\" in\n")
        .append("  */*) [ -f \"$1\" ] && [ -x \"$1\" ] || fail \"exec: \\\"$1\\\": no such executable file\" ;;\n")
        .append("  *) command -v \"$1\" >/dev/null 2>&1 || fail \"exec: \\\"$1\\\": executable file not found in \\$PATH\" ;;\n")
        .append("esac\n")
        .append("exec \"$@\"\n");
    List<String> argv = new ArrayList<>();
    tools.setsid.ifPresent(p -> argv.add(p.toString()));
    if (isolation != MountIsolation.NONE) {
      argv.addAll(tools.unshareCommand(isolation));
    }
    argv.addAll(List.of(tools.shell.toString(), "-c", script.toString(), "capstan-start"));
    argv.addAll(commandLine);
    return argv;
  }

  /**
   * Runs {@code command} beside the container's process: in its mount namespace (entered with
   * {@code nsenter}) when it has one, in its working directory, in a session of its own so a
   * timeout kills everything the command forked.
   */
  static List<String> exec(
      HostTools tools, ContainerRecord container, String workingDirectory, List<String> command) {
    List<String> argv = new ArrayList<>();
    tools.setsid.ifPresent(p -> argv.add(p.toString()));
    if (container.isolation() != MountIsolation.NONE) {
      argv.add(tools.nsenter.orElseThrow().toString());
      if (container.isolation() == MountIsolation.USER_AND_MOUNT_NAMESPACE) {
        argv.add("--user");
        argv.add("--preserve-credentials");
      }
      argv.addAll(List.of("--mount", "--target", Long.toString(container.pid())));
    }
    argv.addAll(
        List.of(
            tools.shell.toString(),
            "-c",
            "cd " + quote(workingDirectory) + " || exit 126\nexec \"$@\"",
            "capstan-exec"));
    argv.addAll(command);
    return argv;
  }

  /** The container's environment exactly, plus {@link #DEFAULT_PATH} when it sets no PATH. */
  static Map<String, String> environment(List<EnvVar> env) {
    Map<String, String> environment = new LinkedHashMap<>();
    for (EnvVar var : env) {
      environment.put(var.name(), var.value());
    }
    environment.putIfAbsent("PATH", DEFAULT_PATH);
    return environment;
  }

  /** {@code value} as one single-quoted word of the POSIX shell. */
  static String quote(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }
}

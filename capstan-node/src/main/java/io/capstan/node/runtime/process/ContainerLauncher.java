package io.capstan.node.runtime.process;

import io.capstan.node.runtime.ContainerConfig;
import io.capstan.node.runtime.RuntimeFailure;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Starts a created container: picks its mount namespace, makes its missing mount points, opens
 * its log file, spawns {@link LaunchCommands#start the launch command} and starts one log pump per
 * output stream. Whatever it prepared is undone when the spawn fails.
 */
final class ContainerLauncher {

  /** A started container: its new record, its process, its open log and the pumps feeding it. */
  record Launched(ContainerRecord record, Process process, CriLogFile log, List<Future<?>> pumps) {}

  private final HostTools tools;
  private final StateStore store;
  private final Clock clock;
  private final LogRotation rotation;
  private final ExecutorService threads;

  ContainerLauncher(
      HostTools tools, StateStore store, Clock clock, LogRotation rotation, ExecutorService threads) {
    this.tools = tools;
    this.store = store;
    this.clock = clock;
    this.rotation = rotation;
    this.threads = threads;
  }

  /** The container's {@code workingDir}, or its own directory under the state directory. */
  static String workingDirectory(ContainerRecord container, StateStore store)
      throws RuntimeFailure {
    String configured = container.config().workingDir();
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    try {
      return store.workingDirectory(container.id()).toString();
    } catch (IOException e) {
      throw new RuntimeFailure(
          "RunContainerError", "cannot create the working directory: " + e.getMessage(), e);
    }
  }

  Launched launch(ContainerRecord container) throws RuntimeFailure {
    ContainerConfig config = container.config();
    MountIsolation isolation = isolationFor(config);
    String workingDirectory = workingDirectory(container, store);
    List<String> created;
    try {
      created = MountPoints.create(config.mounts());
    } catch (IOException e) {
      throw new RuntimeFailure(
          "RunContainerError", "cannot create a mount point: " + e.getMessage(), e);
    }
    CriLogFile log = null;
    try {
      Files.deleteIfExists(store.startErrorFile(container.id()));
      log = new CriLogFile(container.logFile(), clock, rotation);
      List<String> commandLine = new ArrayList<>(config.command());
      commandLine.addAll(config.args());
      ProcessBuilder builder =
          new ProcessBuilder(
                  LaunchCommands.start(
                      tools, isolation, config.mounts(), workingDirectory,
                      store.startErrorFile(container.id()), commandLine))
              .directory(new File("/"))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().clear();
      builder.environment().putAll(LaunchCommands.environment(config.env()));
      Process process = builder.start();
      List<Future<?>> pumps =
          List.of(
              threads.submit(new LogPump(process.getInputStream(), "stdout", log)),
              threads.submit(new LogPump(process.getErrorStream(), "stderr", log)));
      // setsid runs the command in place (a child of the JVM never leads a process group), so
      // the pid leads the container's group; the start time is read before anyone can reap it.
      long startTime = ProcStat.read(process.pid()).map(ProcStat::startTime).orElse(0L);
      long group = tools.setsid.isPresent() ? process.pid() : 0;
      ProcStat identity = new ProcStat(process.pid(), 'R', group, startTime);
      return new Launched(
          container.started(identity, isolation, created, clock.instant()), process, log, pumps);
    } catch (IOException | IllegalArgumentException e) {
      MountPoints.removeIfEmpty(created);
      closeQuietly(log);
      throw new RuntimeFailure(
          "RunContainerError",
          "cannot start container \"" + config.name() + "\": " + e.getMessage(), e);
    }
  }

  private MountIsolation isolationFor(ContainerConfig config) throws RuntimeFailure {
    if (config.mounts().isEmpty()) {
      return MountIsolation.NONE;
    }
    MountIsolation isolation = tools.mountIsolation();
    if (isolation == MountIsolation.NONE) {
      throw new RuntimeFailure(
          "RunContainerError",
          "container \"" + config.name() + "\" has volume mounts, but the process runtime cannot"
              + " give it a private mount namespace on this node: " + tools.isolationProblem());
    }
    return isolation;
  }

  private static void closeQuietly(CriLogFile log) {
    if (log == null) {
      return;
    }
    try {
      log.close();
    } catch (IOException e) {
      // Nothing was written yet.
    }
  }
}

package io.capstan.node.runtime.process;

import io.capstan.node.runtime.ContainerConfig;
import io.capstan.node.runtime.ContainerRuntime;
import io.capstan.node.runtime.ContainerState;
import io.capstan.node.runtime.ContainerStatus;
import io.capstan.node.runtime.ExecCapable;
import io.capstan.node.runtime.RuntimeFailure;
import io.capstan.node.runtime.RuntimeVersion;
import io.capstan.node.runtime.SandboxConfig;
import io.capstan.node.runtime.SandboxStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capstan's embedded runtime: every container is a plain local process, with no container engine
 * and no images. It runs the container's {@code command} and {@code args} (the image is recorded
 * and reported, never pulled or run), with exactly the environment the agent resolved plus a
 * default {@code PATH}, in the container's {@code workingDir} or, when it has none, in a fresh
 * directory of its own under {@code <state>/work/<container id>} that goes away with the
 * container. Each container leads its own session and process group, so a stop signals everything
 * it started. A container with mounts gets a private mount namespace in which each host path is
 * bind-mounted at its container path; the host itself never sees those mounts.
 *
 * <p>Output goes through pipes into the container's CRI log file, written by one virtual thread
 * per stream (see {@link CriLogFile}, {@link LogPump}). An exit is recorded after the pumps
 * drained: code 0 is {@code Completed}, anything else {@code Error}; death by a signal reads
 * 128 + signal (137 for SIGKILL, 143 for SIGTERM), as Kubernetes reports it. Out-of-memory kills
 * cannot be told apart from other SIGKILLs here, so {@code OOMKilled} is never reported.
 *
 * <p>State lives in small JSON files under the state directory (see {@link StateStore}). A new
 * runtime on the same directory, after an agent restart, reloads every sandbox and container.
 * A container whose process is gone is reported {@code EXITED} with exit code 255 and reason
 * {@code Unknown}, as containerd reports containers it lost. A container whose process still runs
 * (same pid, same start time) cannot be re-attached, since its pipes died with the old agent and
 * its output is lost; it is reported {@code RUNNING} and can be stopped, exec'd into and removed.
 * The agent is expected to stop such containers and start them afresh. {@link #close()} only
 * stops the runtime's own threads; on a clean shutdown the agent stops its sandboxes first, or
 * calls {@link #stopAll(Duration)}.
 */
public final class ProcessRuntime implements ContainerRuntime, ExecCapable {

  private static final Logger log = LoggerFactory.getLogger(ProcessRuntime.class);
  private static final Duration KILL_WAIT = Duration.ofSeconds(30);
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);
  private static final Duration START_WAIT = Duration.ofSeconds(30);

  private final Clock clock;
  private final LogRotation rotation;
  private final HostTools tools = new HostTools();
  private final ProcessSignals signals = new ProcessSignals(tools);
  private final ExecRunner execRunner = new ExecRunner(tools, signals);
  private final StateStore store;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, SandboxRecord> sandboxes = new HashMap<>();
  private final Map<String, ContainerRecord> containers = new HashMap<>();
  private final Map<String, ContainerProcess> processes = new HashMap<>();
  /** Containers being launched outside the lock; guarded by this. */
  private final Set<String> starting = new HashSet<>();
  private boolean closed;

  private ProcessRuntime(Path stateDirectory, Clock clock, LogRotation rotation)
      throws IOException {
    this.clock = clock;
    this.rotation = rotation;
    this.store = new StateStore(stateDirectory);
  }

  /** A runtime keeping its state under {@code stateDirectory}, with the kubelet's log rotation. */
  public static ProcessRuntime open(Path stateDirectory, Clock clock) throws IOException {
    return open(stateDirectory, clock, LogRotation.DEFAULT);
  }

  /** Opens the runtime and reloads what an earlier one on the same directory left. */
  public static ProcessRuntime open(Path stateDirectory, Clock clock, LogRotation rotation)
      throws IOException {
    ProcessRuntime runtime = new ProcessRuntime(stateDirectory, clock, rotation);
    runtime.reload();
    return runtime;
  }

  @Override
  public RuntimeVersion version() {
    String version = ProcessRuntime.class.getPackage().getImplementationVersion();
    return new RuntimeVersion("process", version == null ? "0.1.0" : version);
  }

  // ---- sandboxes

  @Override
  public String runSandbox(SandboxConfig config) throws RuntimeFailure {
    try {
      Files.createDirectories(config.logDirectory());
    } catch (IOException e) {
      throw new RuntimeFailure(
          "CreatePodSandboxError",
          "cannot create the log directory " + config.logDirectory() + ": " + e.getMessage(),
          e);
    }
    SandboxRecord sandbox =
        new SandboxRecord(newId(), config, clock.instant(), SandboxStatus.State.READY);
    synchronized (this) {
      persist(sandbox);
      sandboxes.put(sandbox.id(), sandbox);
    }
    return sandbox.id();
  }

  /** Kills whatever still runs in the sandbox (no grace: the agent stopped containers first). */
  @Override
  public void stopSandbox(String sandboxId) throws RuntimeFailure {
    for (String id : containerIds(sandboxId)) {
      stopContainer(id, Duration.ZERO);
    }
    synchronized (this) {
      SandboxRecord sandbox = sandboxes.get(sandboxId);
      if (sandbox != null && sandbox.state() != SandboxStatus.State.NOTREADY) {
        SandboxRecord stopped = sandbox.withState(SandboxStatus.State.NOTREADY);
        persist(stopped);
        sandboxes.put(sandboxId, stopped);
      }
    }
  }

  @Override
  public void removeSandbox(String sandboxId) throws RuntimeFailure {
    stopSandbox(sandboxId);
    for (String id : containerIds(sandboxId)) {
      removeContainer(id);
    }
    synchronized (this) {
      SandboxRecord sandbox = sandboxes.remove(sandboxId);
      if (sandbox != null) {
        try {
          store.delete(sandbox);
        } catch (IOException e) {
          throw stateFailure(e);
        }
      }
    }
  }

  @Override
  public synchronized Optional<SandboxStatus> sandboxStatus(String sandboxId) {
    return Optional.ofNullable(sandboxes.get(sandboxId)).map(SandboxRecord::status);
  }

  @Override
  public synchronized List<SandboxStatus> listSandboxes() {
    return sandboxes.values().stream()
        .sorted(Comparator.comparing(SandboxRecord::createdAt).thenComparing(SandboxRecord::id))
        .map(SandboxRecord::status)
        .toList();
  }

  // ---- containers

  @Override
  public synchronized String createContainer(String sandboxId, ContainerConfig config)
      throws RuntimeFailure {
    SandboxRecord sandbox = sandboxes.get(sandboxId);
    if (sandbox == null || sandbox.state() != SandboxStatus.State.READY) {
      throw new RuntimeFailure(
          "CreateContainerError",
          "pod sandbox " + sandboxId + " is " + (sandbox == null ? "unknown" : "not ready"));
    }
    if (config.command().isEmpty()) {
      // The pod's spec, not the machine, is what must change: a configuration error.
      throw new RuntimeFailure(
          "CreateContainerConfigError",
          "container \""
              + config.name()
              + "\" has no command: the process runtime runs the container's `command` as a"
              + " local process and does not run images (image \""
              + config.image()
              + "\" is not run); set `command` in the pod spec");
    }
    boolean nameTaken =
        containers.values().stream()
            .anyMatch(
                c ->
                    c.sandboxId().equals(sandboxId)
                        && c.config().name().equals(config.name())
                        && c.config().attempt() == config.attempt());
    if (nameTaken) {
      throw new RuntimeFailure(
          "CreateContainerError",
          "container \"" + config.name() + "\" attempt " + config.attempt()
              + " already exists in pod " + sandbox.config().pod().key());
    }
    Path logFile = sandbox.config().logDirectory().resolve(config.logPath());
    ContainerRecord container = ContainerRecord.created(
        newId(), sandboxId, withHostname(config, sandbox.config().hostname()), logFile,
        clock.instant());
    persist(container);
    containers.put(container.id(), container);
    return container.id();
  }

  /**
   * Container runtimes give every container {@code HOSTNAME}, the pod's host name, unless its
   * environment sets one (containerd's CRI plugin does the same).
   */
  private static ContainerConfig withHostname(ContainerConfig config, String hostname) {
    if (hostname == null || hostname.isEmpty()
        || config.env().stream().anyMatch(e -> e.name().equals("HOSTNAME"))) {
      return config;
    }
    List<ContainerConfig.EnvVar> env = new java.util.ArrayList<>();
    env.add(new ContainerConfig.EnvVar("HOSTNAME", hostname));
    env.addAll(config.env());
    return new ContainerConfig(config.name(), config.attempt(), config.image(), config.command(),
        config.args(), config.workingDir(), env, config.mounts(), config.logPath(),
        config.labels(), config.annotations());
  }

  @Override
  public void startContainer(String containerId) throws RuntimeFailure {
    ContainerRecord container;
    synchronized (this) {
      if (closed) {
        throw new RuntimeFailure("RunContainerError", "the process runtime is closed");
      }
      container = containers.get(containerId);
      if (container == null || container.state() != ContainerState.CREATED
          || starting.contains(containerId)) {
        throw new RuntimeFailure(
            "RunContainerError",
            "container " + containerId + " is "
                + (container == null ? "unknown"
                    : starting.contains(containerId) ? "already starting"
                    : container.state().name().toLowerCase())
                + ", only a created container can start");
      }
      starting.add(containerId);
    }
    // Spawning takes milliseconds; outside the lock, a hundred pods' containers start side by side
    // instead of one after another. A stop or removal of this container waits for it (below).
    ContainerLauncher.Launched launched;
    try {
      launched = new ContainerLauncher(tools, store, clock, rotation, threads).launch(container);
    } catch (RuntimeFailure | RuntimeException e) {
      synchronized (this) {
        starting.remove(containerId);
        notifyAll();
      }
      throw e;
    }
    synchronized (this) {
      try {
        ContainerRecord running = launched.record();
        persist(running);
        containers.put(containerId, running);
        ContainerProcess process = ContainerProcess.of(launched.process().toHandle());
        processes.put(containerId, process);
        if (!closed) {
          threads.execute(() -> awaitExit(running, launched, process));
        }
        // Closed meanwhile: the process runs on, recorded, for the next agent to adopt.
      } finally {
        starting.remove(containerId);
        notifyAll();
      }
    }
    launched.awaitStarted(containerId, START_WAIT);
  }

  /** Waits, holding the monitor, until a launch of {@code containerId} in progress is recorded. */
  private void awaitLaunched(String containerId) throws RuntimeFailure {
    while (starting.contains(containerId)) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RuntimeFailure("StopContainerError",
            "interrupted waiting for container " + containerId + " to start", e);
      }
    }
  }

  @Override
  public void stopContainer(String containerId, Duration gracePeriod) throws RuntimeFailure {
    ContainerRecord container;
    ContainerProcess process;
    synchronized (this) {
      awaitLaunched(containerId);
      container = containers.get(containerId);
      process = processes.get(containerId);
      if (container == null || container.state() != ContainerState.RUNNING || process == null) {
        return;
      }
    }
    if (gracePeriod.isPositive()) {
      signals.terminate(container.pid(), container.processGroup());
      if (process.awaitRecorded(gracePeriod)) {
        return;
      }
    }
    signals.kill(container.pid(), container.processGroup());
    if (!process.awaitRecorded(KILL_WAIT)) {
      throw new RuntimeFailure(
          "StopContainerError",
          "container " + containerId + " (pid " + container.pid() + ") survived SIGKILL for "
              + KILL_WAIT.toSeconds() + "s");
    }
  }

  @Override
  public void removeContainer(String containerId) throws RuntimeFailure {
    stopContainer(containerId, Duration.ZERO);
    synchronized (this) {
      ContainerRecord container = containers.remove(containerId);
      if (container == null) {
        return;
      }
      processes.remove(containerId);
      try {
        store.delete(container);
      } catch (IOException e) {
        throw stateFailure(e);
      }
      releaseMountPoints(container);
    }
  }

  @Override
  public synchronized Optional<ContainerStatus> containerStatus(String containerId) {
    return Optional.ofNullable(containers.get(containerId)).map(ContainerRecord::status);
  }

  @Override
  public synchronized List<ContainerStatus> listContainers() {
    return containers.values().stream()
        .sorted(Comparator.comparing(ContainerRecord::createdAt).thenComparing(ContainerRecord::id))
        .map(ContainerRecord::status)
        .toList();
  }

  /**
   * Runs {@code command} beside the container's process, with its environment, working directory
   * and mount namespace; a non-positive {@code timeout} means no timeout.
   */
  @Override
  public ExecResult execSync(String containerId, List<String> command, Duration timeout)
      throws RuntimeFailure {
    ContainerRecord container;
    synchronized (this) {
      container = containers.get(containerId);
    }
    if (container == null
        || container.state() != ContainerState.RUNNING
        || !ProcStat.isSameProcess(container.pid(), container.pidStartTime())) {
      throw new RuntimeFailure(
          "ContainerNotRunning", "cannot exec in container " + containerId + ": it is not running");
    }
    if (command.isEmpty()) {
      throw new RuntimeFailure("ExecError", "cannot exec in container " + containerId
          + ": the command is empty");
    }
    String workingDirectory = ContainerLauncher.workingDirectory(container, store);
    return execRunner.run(
        LaunchCommands.exec(tools, container, workingDirectory, command),
        LaunchCommands.environment(container.config().env()),
        timeout);
  }

  /** Stops every running container, each with {@code gracePeriod}: a clean shutdown's helper. */
  public void stopAll(Duration gracePeriod) throws RuntimeFailure {
    List<String> running;
    synchronized (this) {
      running = List.copyOf(processes.keySet());
    }
    List<Future<?>> stops = new ArrayList<>();
    for (String id : running) {
      stops.add(threads.submit(() -> {
        stopContainer(id, gracePeriod);
        return null;
      }));
    }
    for (Future<?> stop : stops) {
      try {
        stop.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeFailure failure) {
          throw failure;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Stops the log pumps and exit watchers; containers keep running, and from now on this instance
   * records nothing, so that a new runtime on the same state directory owns it alone.
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    threads.shutdownNow();
  }

  // ---- internals

  private void awaitExit(
      ContainerRecord container, ContainerLauncher.Launched launched, ContainerProcess process) {
    int exitCode;
    try {
      exitCode = launched.process().waitFor();
      // A container lives as long as its main process: what that process started goes with it,
      // as a PID namespace's processes do when its init exits, so nothing holds the pod's ports.
      if (container.processGroup() > 0) {
        signals.kill(container.pid(), container.processGroup());
      }
      for (Future<?> pump : launched.pumps()) {
        pump.get(DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      // The runtime was closed: it records nothing more, and a stop waiting here gives up.
      process.recorded().completeExceptionally(e);
      return;
    } catch (ExecutionException | TimeoutException e) {
      // A process left behind in another session holds the pipe; its output is cut here.
      exitCode = launched.process().exitValue();
    }
    try {
      launched.log().close();
    } catch (IOException e) {
      log.warn("Cannot close container log file={} error={}", container.logFile(), e.getMessage());
    }
    Optional<String> startError = readStartError(container.id());
    if (startError.isPresent()) {
      recordExit(container.id(), LaunchCommands.START_ERROR_EXIT_CODE, "StartError",
          startError.get(), process);
    } else {
      recordExit(container.id(), exitCode, exitCode == 0 ? "Completed" : "Error", "", process);
    }
  }

  private synchronized void recordExit(
      String containerId, int exitCode, String reason, String message, ContainerProcess process) {
    ContainerRecord container = containers.get(containerId);
    if (!closed && container != null && container.state() == ContainerState.RUNNING) {
      ContainerRecord exited = container.exited(exitCode, reason, message, clock.instant());
      persist(exited);
      containers.put(containerId, exited);
      processes.remove(containerId);
    }
    process.recorded().complete(null);
  }

  private Optional<String> readStartError(String containerId) {
    try {
      return Optional.of(Files.readString(store.startErrorFile(containerId), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void reload() throws IOException {
    for (SandboxRecord sandbox : store.loadSandboxes()) {
      sandboxes.put(sandbox.id(), sandbox);
    }
    for (ContainerRecord container : store.loadContainers()) {
      containers.put(container.id(), container);
      if (container.state() != ContainerState.RUNNING) {
        continue;
      }
      Optional<ProcessHandle> alive =
          ProcStat.isSameProcess(container.pid(), container.pidStartTime())
              ? ProcessHandle.of(container.pid())
              : Optional.empty();
      if (alive.isPresent()) {
        adopt(container, alive.get());
      } else {
        ContainerRecord lost =
            container.exited(
                255, "Unknown", "the container's process was lost while the agent was down",
                clock.instant());
        persist(lost);
        containers.put(container.id(), lost);
      }
    }
  }

  /** Watches a container left running by an earlier agent; its exit code cannot be collected. */
  private void adopt(ContainerRecord container, ProcessHandle handle) {
    log.info("Found container still running from before the restart id={} pid={}",
        container.id(), container.pid());
    ContainerProcess process = ContainerProcess.of(handle);
    processes.put(container.id(), process);
    handle
        .onExit()
        .thenRun(
            () ->
                recordExit(
                    container.id(),
                    255,
                    "Unknown",
                    "the container ran on from before the agent restarted; its exit code is unknown",
                    process));
  }

  private void releaseMountPoints(ContainerRecord container) {
    for (ContainerRecord heir : MountPoints.release(container, containers.values())) {
      persist(heir);
      containers.put(heir.id(), heir);
    }
  }

  private synchronized List<String> containerIds(String sandboxId) {
    return containers.values().stream()
        .filter(c -> c.sandboxId().equals(sandboxId))
        .map(ContainerRecord::id)
        .toList();
  }

  private void persist(SandboxRecord sandbox) {
    store.save(sandbox);
  }

  private void persist(ContainerRecord container) {
    store.save(container);
  }

  private static RuntimeFailure stateFailure(IOException e) {
    return new RuntimeFailure("RuntimeStateError", "cannot update the runtime's state: " + e.getMessage(), e);
  }

  private static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}

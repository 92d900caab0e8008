package io.capstan.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.capstan.node.runtime.ContainerConfig.EnvVar;
import io.capstan.node.runtime.ContainerConfig.Mount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link ContainerRuntime} must do, in the shape the node agent relies on. Containers
 * run {@code sh -c} scripts from {@link #image()}, so a runtime that runs images (containerd with
 * busybox) passes the same suite as one that runs local processes. A subclass supplies the
 * runtime, opened on a state directory so the suite can restart it.
 */
public abstract class RuntimeConformanceTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @TempDir protected Path temp;
  protected ContainerRuntime runtime;
  protected Path logDirectory;

  /** A runtime keeping its state in {@code stateDirectory}; a second call reopens the same state. */
  protected abstract ContainerRuntime openRuntime(Path stateDirectory) throws Exception;

  /** The image containers are created from; it must provide {@code sh}, {@code sleep}, {@code cat}. */
  protected String image() {
    return "busybox";
  }

  /** Where a test mounts a volume named {@code name} inside the container. */
  protected String mountTarget(String name) {
    return "/mnt/capstan-conformance/" + name;
  }

  @BeforeEach
  void openRuntime() throws Exception {
    logDirectory = temp.resolve("logs");
    runtime = openRuntime(stateDirectory());
  }

  @AfterEach
  void removeEverything() throws Exception {
    for (SandboxStatus sandbox : runtime.listSandboxes()) {
      runtime.removeSandbox(sandbox.id());
    }
    runtime.close();
  }

  protected Path stateDirectory() {
    return temp.resolve("state");
  }

  @Test
  void reportsNameAndVersion() {
    RuntimeVersion version = runtime.version();
    assertThat(version.runtimeName()).isNotBlank();
    assertThat(version.runtimeVersion()).isNotBlank();
  }

  @Test
  void runningContainerIsReportedRunning() throws Exception {
    String sandbox = runSandbox("running");
    String id = runtime.createContainer(sandbox, shell("app", "sleep 600"));
    assertThat(runtime.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerState.CREATED);

    runtime.startContainer(id);

    ContainerStatus status = runtime.containerStatus(id).orElseThrow();
    assertThat(status.state()).isEqualTo(ContainerState.RUNNING);
    assertThat(status.startedAt()).isPresent();
    assertThat(status.sandboxId()).isEqualTo(sandbox);
    assertThat(status.image()).isEqualTo(image());
  }

  /** A script and how its container ends; public so a runtime's suite can supply its own cases. */
  public record ExitCase(String name, String script, int exitCode, String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Hidden by a subclass's own {@code exits()} where the runtime runs the script as PID 1 of its
   * PID namespace, which ignores signals it has no handler for, even SIGKILL sent from inside.
   */
  protected static Stream<ExitCase> exits() {
    return Stream.of(
        new ExitCase("completes", "exit 0", 0, "Completed"),
        new ExitCase("fails", "exit 3", 3, "Error"),
        new ExitCase("killed by SIGKILL", "kill -KILL $$", 137, "Error"),
        new ExitCase("killed by SIGTERM", "kill -TERM $$", 143, "Error"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exits")
  void reportsExitCodeAndReason(ExitCase exit) throws Exception {
    String id = start(runSandbox("exits"), shell("app", exit.script()));

    ContainerStatus status = awaitExited(id);

    assertThat(status.exitCode()).isEqualTo(exit.exitCode());
    assertThat(status.reason()).isEqualTo(exit.reason());
    assertThat(status.finishedAt()).isPresent();
  }

  @Test
  void environmentAndArgumentsReachTheProcessAndOutputIsLoggedInCriFormat() throws Exception {
    ContainerConfig config =
        config(
            "app",
            List.of("sh", "-c"),
            List.of("echo \"$GREETING\" \"$1\"; echo to-stderr >&2", "zero", "first"),
            List.of(new EnvVar("GREETING", "hello world")),
            List.of());
    String id = start(runSandbox("env"), config);
    awaitExited(id);

    List<LogEntry> entries = LogEntry.readAll(logDirectory.resolve("app/0.log"));

    assertThat(entries)
        .extracting(LogEntry::stream, LogEntry::tag, LogEntry::text)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("stdout", "F", "hello world first"),
            org.assertj.core.groups.Tuple.tuple("stderr", "F", "to-stderr"));
    assertThat(entries).allSatisfy(e -> assertThat(e.time()).isAfter(Instant.parse("2020-01-01T00:00:00Z")));
    assertThat(runtime.containerStatus(id).orElseThrow().logPath())
        .isEqualTo(logDirectory.resolve("app/0.log"));
  }

  @Test
  void stopSendsSigtermFirst() throws Exception {
    String id = start(runSandbox("term"), shell("app", "trap 'exit 0' TERM; echo ready; sleep 600 & wait"));
    awaitLog("app/0.log", "ready");

    Instant before = Instant.now();
    runtime.stopContainer(id, Duration.ofSeconds(30));

    ContainerStatus status = runtime.containerStatus(id).orElseThrow();
    assertThat(status.state()).isEqualTo(ContainerState.EXITED);
    assertThat(status.exitCode()).isZero();
    assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void stopKillsWhatIgnoresSigtermOnceTheGracePeriodIsOver() throws Exception {
    String id = start(runSandbox("kill"), shell("app", "trap '' TERM; echo ready; sleep 600 & wait"));
    awaitLog("app/0.log", "ready");

    runtime.stopContainer(id, Duration.ofMillis(300));

    ContainerStatus status = runtime.containerStatus(id).orElseThrow();
    assertThat(status.state()).isEqualTo(ContainerState.EXITED);
    assertThat(status.exitCode()).isEqualTo(137);
  }

  @Test
  void stopIsIdempotent() throws Exception {
    String sandbox = runSandbox("idempotent");
    String id = start(sandbox, shell("app", "sleep 600"));
    runtime.stopContainer(id, Duration.ZERO);
    ContainerStatus stopped = runtime.containerStatus(id).orElseThrow();

    assertThatCode(() -> runtime.stopContainer(id, Duration.ofSeconds(1))).doesNotThrowAnyException();
    assertThatCode(() -> runtime.stopContainer("no-such-container", Duration.ZERO))
        .doesNotThrowAnyException();
    assertThatCode(() -> runtime.stopSandbox(sandbox)).doesNotThrowAnyException();
    assertThatCode(() -> runtime.stopSandbox(sandbox)).doesNotThrowAnyException();
    assertThat(runtime.containerStatus(id).orElseThrow()).isEqualTo(stopped);
    assertThat(stopped.exitCode()).isEqualTo(137);
  }

  @Test
  void removeForgetsContainersAndSandboxes() throws Exception {
    String sandbox = runSandbox("remove");
    String exited = start(sandbox, shell("done", "exit 0"));
    String running = start(sandbox, shell("busy", "sleep 600"));
    awaitExited(exited);

    runtime.removeContainer(exited);
    runtime.removeContainer(running);
    runtime.removeContainer(running);

    assertThat(runtime.containerStatus(exited)).isEmpty();
    assertThat(runtime.containerStatus(running)).isEmpty();
    assertThat(runtime.listContainers()).isEmpty();
    runtime.removeSandbox(sandbox);
    runtime.removeSandbox(sandbox);
    assertThat(runtime.sandboxStatus(sandbox)).isEmpty();
  }

  @Test
  void listsSandboxesAndContainers() throws Exception {
    String first = runSandbox("first");
    String second = runSandbox("second");
    String a = runtime.createContainer(first, shell("a", "sleep 600"));
    String b = start(second, shell("b", "sleep 600"));

    assertThat(runtime.listSandboxes())
        .extracting(SandboxStatus::id, s -> s.pod().name(), SandboxStatus::state)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(first, "first", SandboxStatus.State.READY),
            org.assertj.core.groups.Tuple.tuple(second, "second", SandboxStatus.State.READY));
    assertThat(runtime.listContainers())
        .extracting(ContainerStatus::id, ContainerStatus::sandboxId, ContainerStatus::state)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(a, first, ContainerState.CREATED),
            org.assertj.core.groups.Tuple.tuple(b, second, ContainerState.RUNNING));

    runtime.stopSandbox(second);
    assertThat(runtime.sandboxStatus(second).orElseThrow().state())
        .isEqualTo(SandboxStatus.State.NOTREADY);
    assertThat(runtime.containerStatus(b).orElseThrow().state()).isEqualTo(ContainerState.EXITED);
  }

  @Test
  void execRunsInTheContainerAndCapturesOutput() throws Exception {
    ContainerConfig config =
        config("app", List.of("sh", "-c", "sleep 600"), List.of(),
            List.of(new EnvVar("GREETING", "hi")), List.of());
    String id = start(runSandbox("exec"), config);
    ExecCapable exec = (ExecCapable) runtime;

    ExecCapable.ExecResult result =
        exec.execSync(id, List.of("sh", "-c", "echo \"$GREETING\"; echo err >&2; exit 4"), DEADLINE);

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(new String(result.stdout(), StandardCharsets.UTF_8)).isEqualTo("hi\n");
    assertThat(new String(result.stderr(), StandardCharsets.UTF_8)).isEqualTo("err\n");
    assertThat(result.timedOut()).isFalse();
  }

  @Test
  protected void execIsKilledAtItsTimeout() throws Exception {
    String id = start(runSandbox("exec-timeout"), shell("app", "sleep 600"));
    ExecCapable exec = (ExecCapable) runtime;

    Instant before = Instant.now();
    ExecCapable.ExecResult result =
        exec.execSync(id, List.of("sh", "-c", "echo started; sleep 600"), Duration.ofMillis(300));

    assertThat(result.timedOut()).isTrue();
    assertThat(new String(result.stdout(), StandardCharsets.UTF_8)).isEqualTo("started\n");
    assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void mountsAreVisibleAtTheirContainerPathOnlyInTheirContainer() throws Exception {
    Path volume = Files.createDirectories(temp.resolve("volume"));
    Files.writeString(volume.resolve("key"), "value");
    String target = mountTarget("config");
    String sandbox = runSandbox("mounts");
    String withMount =
        start(sandbox, config("app", List.of("sh", "-c", "sleep 600"), List.of(), List.of(),
            List.of(new Mount(target, volume, true))));
    String without = start(sandbox, shell("sidecar", "sleep 600"));
    ExecCapable exec = (ExecCapable) runtime;

    assertThat(output(exec.execSync(withMount, List.of("cat", target + "/key"), DEADLINE)))
        .isEqualTo("value");
    assertThat(exec.execSync(withMount, List.of("touch", target + "/new"), DEADLINE).exitCode())
        .as("the mount is read-only")
        .isNotZero();
    assertThat(exec.execSync(without, List.of("test", "-e", target + "/key"), DEADLINE).exitCode())
        .as("another container does not see the mount")
        .isNotZero();
  }

  @Test
  void configMapStyleSymlinkSwapIsVisibleThroughTheMount() throws Exception {
    Path volume = Files.createDirectories(temp.resolve("configmap"));
    Files.createDirectories(volume.resolve("..v1"));
    Files.writeString(volume.resolve("..v1/key"), "one");
    Files.createSymbolicLink(volume.resolve("..data"), Path.of("..v1"));
    Files.createSymbolicLink(volume.resolve("key"), Path.of("..data/key"));
    String target = mountTarget("configmap");
    String id =
        start(runSandbox("configmap"), config("app", List.of("sh", "-c", "sleep 600"), List.of(),
            List.of(), List.of(new Mount(target, volume, true))));
    ExecCapable exec = (ExecCapable) runtime;
    assertThat(output(exec.execSync(id, List.of("cat", target + "/key"), DEADLINE))).isEqualTo("one");

    Files.createDirectories(volume.resolve("..v2"));
    Files.writeString(volume.resolve("..v2/key"), "two");
    Files.createSymbolicLink(volume.resolve("..data_tmp"), Path.of("..v2"));
    Files.move(volume.resolve("..data_tmp"), volume.resolve("..data"),
        StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    assertThat(output(exec.execSync(id, List.of("cat", target + "/key"), DEADLINE))).isEqualTo("two");
  }

  @Test
  void aRestartedRuntimeListsAndStopsWhatTheOldOneStarted() throws Exception {
    String sandbox = runSandbox("restart");
    String id = start(sandbox, shell("app", "sleep 600"));
    runtime.close();

    runtime = openRuntime(stateDirectory());

    assertThat(runtime.sandboxStatus(sandbox)).isPresent();
    assertThat(runtime.listContainers())
        .extracting(ContainerStatus::id, ContainerStatus::state)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(id, ContainerState.RUNNING));
    runtime.stopContainer(id, Duration.ofSeconds(5));
    assertThat(runtime.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerState.EXITED);
  }

  // ---- helpers

  protected String runSandbox(String podName) throws RuntimeFailure {
    return runtime.runSandbox(
        new SandboxConfig(
            new PodRef("default", podName, "uid-" + podName, 0),
            podName,
            "10.88.0.2",
            logDirectory,
            List.of(),
            Map.of("pod", podName),
            Map.of()));
  }

  protected String start(String sandbox, ContainerConfig config) throws RuntimeFailure {
    String id = runtime.createContainer(sandbox, config);
    runtime.startContainer(id);
    return id;
  }

  protected ContainerConfig shell(String name, String script) {
    return config(name, List.of("sh", "-c", script), List.of(), List.of(), List.of());
  }

  protected ContainerConfig config(
      String name, List<String> command, List<String> args, List<EnvVar> env, List<Mount> mounts) {
    return new ContainerConfig(
        name, 0, image(), command, args, "", env, mounts, Path.of(name, "0.log"),
        Map.of("container", name), Map.of());
  }

  protected ContainerStatus awaitExited(String id) {
    return await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> runtime.containerStatus(id).orElseThrow(),
            s -> s.state() == ContainerState.EXITED);
  }

  protected void awaitLog(String logPath, String text) {
    await()
        .atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> LogEntry.readAll(logDirectory.resolve(logPath)).stream()
            .anyMatch(e -> e.text().equals(text)));
  }

  protected static String output(ExecCapable.ExecResult result) {
    assertThat(result.exitCode()).as("exit code, stderr: %s",
        new String(result.stderr(), StandardCharsets.UTF_8)).isZero();
    return new String(result.stdout(), StandardCharsets.UTF_8);
  }

  /** One line of a CRI log file. */
  public record LogEntry(Instant time, String stream, String tag, String text) {

    public static LogEntry parse(String line) {
      String[] parts = line.split(" ", 4);
      assertThat(parts).as("CRI log line %s", line).hasSize(4);
      assertThat(parts[1]).isIn("stdout", "stderr");
      assertThat(parts[2]).isIn("F", "P");
      return new LogEntry(Instant.parse(parts[0]), parts[1], parts[2], parts[3]);
    }

    public static List<LogEntry> readAll(Path file) throws IOException {
      if (!Files.exists(file)) {
        return List.of();
      }
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(LogEntry::parse).toList();
    }
  }
}

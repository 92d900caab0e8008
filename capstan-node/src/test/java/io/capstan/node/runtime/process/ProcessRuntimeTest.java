package io.capstan.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.node.runtime.ContainerConfig.EnvVar;
import io.capstan.node.runtime.ContainerConfig.Mount;
import io.capstan.node.runtime.ContainerRuntime;
import io.capstan.node.runtime.ContainerState;
import io.capstan.node.runtime.ContainerStatus;
import io.capstan.node.runtime.RuntimeConformanceTest;
import io.capstan.node.runtime.RuntimeFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The process runtime against the conformance suite, plus what only it does. */
class ProcessRuntimeTest extends RuntimeConformanceTest {

  @Override
  protected ContainerRuntime openRuntime(Path stateDirectory) throws Exception {
    return ProcessRuntime.open(stateDirectory, Clock.systemUTC());
  }

  /** The process runtime makes mount points on the host, so tests keep them in their temp dir. */
  @Override
  protected String mountTarget(String name) {
    return temp.resolve("container-root").resolve(name).toString();
  }

  @Test
  void reportsItsNameAndCapstansVersion() {
    assertThat(runtime.version().nodeInfo()).startsWith("process://");
  }

  @Test
  void refusesAContainerWithoutCommandNamingTheImageItDoesNotRun() throws Exception {
    String sandbox = runSandbox("no-command");

    assertThatThrownBy(
            () -> runtime.createContainer(sandbox, config("app", List.of(), List.of("x"), List.of(), List.of())))
        .isInstanceOfSatisfying(
            RuntimeFailure.class,
            f -> {
              assertThat(f.reason()).isEqualTo("CreateContainerConfigError");
              assertThat(f.getMessage()).contains("`command`").contains("\"" + image() + "\"");
            });
  }

  @Test
  void environmentIsExactlyTheContainersWithADefaultPathAndHostname() throws Exception {
    String id =
        start(runSandbox("env"), config("app", List.of("sh", "-c",
            "echo \"home=${HOME-unset} path=$PATH only=$ONLY\"; pwd; echo host=$HOSTNAME"), List.of(),
            List.of(new EnvVar("ONLY", "mine")), List.of()));
    awaitExited(id);

    List<String> lines = LogEntry.readAll(logDirectory.resolve("app/0.log")).stream()
        .map(LogEntry::text).toList();

    assertThat(lines.get(0))
        .isEqualTo("home=unset path=" + LaunchCommands.DEFAULT_PATH + " only=mine");
    assertThat(lines.get(1)).isEqualTo(stateDirectory().resolve("work").resolve(id).toString());
    assertThat(lines.get(2)).as("the pod's host name").isEqualTo("host=env");
  }

  @Test
  void givenPathAndWorkingDirectoryAreUsed() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("wd"));
    var config = new io.capstan.node.runtime.ContainerConfig(
        "app", 0, image(), List.of("sh", "-c", "echo \"$PATH\"; pwd"), List.of(), dir.toString(),
        List.of(new EnvVar("PATH", "/usr/bin:/bin")), List.of(), Path.of("app/0.log"),
        java.util.Map.of(), java.util.Map.of());
    awaitExited(start(runSandbox("wd"), config));

    assertThat(LogEntry.readAll(logDirectory.resolve("app/0.log")))
        .extracting(LogEntry::text)
        .containsExactly("/usr/bin:/bin", dir.toString());
  }

  @Test
  void aMissingCommandIsAStartError() throws Exception {
    String id = start(runSandbox("missing"),
        config("app", List.of("no-such-command-here"), List.of(), List.of(), List.of()));

    ContainerStatus status = awaitExited(id);

    assertThat(status.exitCode()).isEqualTo(128);
    assertThat(status.reason()).isEqualTo("StartError");
    assertThat(status.message()).contains("no-such-command-here").contains("not found");
  }

  @Test
  void missingMountPointsAreCreatedHiddenFromTheHostAndRemovedWithTheContainer() throws Exception {
    Path volume = Files.createDirectories(temp.resolve("volume"));
    Files.writeString(volume.resolve("key"), "value");
    Path target = temp.resolve("container-root/deep/config");
    String id =
        start(runSandbox("mount-points"), config("app", List.of("sh", "-c", "sleep 600"), List.of(),
            List.of(), List.of(new Mount(target.toString(), volume, false))));

    assertThat(target).isEmptyDirectory();
    assertThat(runtime.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerState.RUNNING);

    runtime.removeContainer(id);
    assertThat(temp.resolve("container-root")).doesNotExist();
    assertThat(volume.resolve("key")).hasContent("value");
  }

  @Test
  void aMountPointSharedWithAnotherContainerOutlivesTheContainerThatMadeIt() throws Exception {
    Path volume = Files.createDirectories(temp.resolve("volume"));
    Files.writeString(volume.resolve("key"), "value");
    Path target = temp.resolve("container-root/shared");
    List<Mount> mounts = List.of(new Mount(target.toString(), volume, true));
    String sandbox = runSandbox("shared-mount");
    String first = start(sandbox, config("first", List.of("sh", "-c", "sleep 600"), List.of(), List.of(), mounts));
    String second = start(sandbox, config("second", List.of("sh", "-c", "sleep 600"), List.of(), List.of(), mounts));

    runtime.removeContainer(first);

    assertThat(target).isEmptyDirectory();
    assertThat(output(((ProcessRuntime) runtime).execSync(second, List.of("cat", target + "/key"), Duration.ofSeconds(10))))
        .isEqualTo("value");
    runtime.removeContainer(second);
    assertThat(temp.resolve("container-root")).doesNotExist();
  }

  @Test
  void aFileSubPathMountGetsAFileMountPoint() throws Exception {
    Path file = Files.writeString(Files.createDirectories(temp.resolve("volume")).resolve("app.conf"), "conf");
    Path target = temp.resolve("container-root/etc/app.conf");
    String id =
        start(runSandbox("file-mount"), config("app", List.of("sh", "-c", "sleep 600"), List.of(),
            List.of(), List.of(new Mount(target.toString(), file, true))));

    assertThat(output(((ProcessRuntime) runtime).execSync(id, List.of("cat", target.toString()), Duration.ofSeconds(10))))
        .isEqualTo("conf");
    assertThat(target).isRegularFile().isEmptyFile();
    runtime.removeContainer(id);
    assertThat(temp.resolve("container-root")).doesNotExist();
  }

  @Test
  void whatTheMainProcessStartedDiesWithIt() throws Exception {
    Path pidFile = temp.resolve("orphan-pid");
    String id = start(runSandbox("main-exits"),
        shell("app", "sleep 600 & echo $! > " + pidFile + "; exit 3"));
    awaitExited(id);
    long child = Long.parseLong(Files.readString(pidFile).strip());

    assertThat(runtime.containerStatus(id).orElseThrow().exitCode()).isEqualTo(3);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
  }

  @Test
  void aRestartedRuntimeKillsTheOldProcessTree() throws Exception {
    Path pidFile = temp.resolve("pid");
    String id = start(runSandbox("restart-kill"),
        shell("app", "sleep 600 & echo $! > " + pidFile + "; wait"));
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
    long child = Long.parseLong(Files.readString(pidFile).strip());
    runtime.close();

    runtime = openRuntime(stateDirectory());
    runtime.stopContainer(id, Duration.ZERO);

    ContainerStatus status = runtime.containerStatus(id).orElseThrow();
    assertThat(status.state()).isEqualTo(ContainerState.EXITED);
    assertThat(status.reason()).isEqualTo("Unknown");
    await().atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
  }

  @Test
  void aContainerWhoseProcessDiedWhileTheAgentWasDownIsLost() throws Exception {
    Path pidFile = temp.resolve("pid");
    String id = start(runSandbox("lost"), shell("app", "echo $$ > " + pidFile + "; exec sleep 600"));
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(pidFile) && Files.size(pidFile) > 0);
    ProcessHandle process =
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
    runtime.close();
    process.destroyForcibly();
    process.onExit().join();

    runtime = openRuntime(stateDirectory());

    ContainerStatus status = runtime.containerStatus(id).orElseThrow();
    assertThat(status.state()).isEqualTo(ContainerState.EXITED);
    assertThat(status.exitCode()).isEqualTo(255);
    assertThat(status.reason()).isEqualTo("Unknown");
    assertThat(status.message()).contains("lost while the agent was down");
  }

  /** Launches happen outside the runtime's lock: many pods' containers start at once. */
  @Test
  void containersOfManyPodsStartConcurrently() throws Exception {
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(runtime.createContainer(runSandbox("many-" + i), shell("app", "sleep 600")));
    }
    try (var starters = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      List<java.util.concurrent.Future<?>> started = ids.stream()
          .map(id -> starters.submit(() -> {
            runtime.startContainer(id);
            return null;
          }))
          .<java.util.concurrent.Future<?>>map(f -> f).toList();
      for (java.util.concurrent.Future<?> start : started) {
        start.get();
      }
    }

    for (String id : ids) {
      assertThat(runtime.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerState.RUNNING);
      runtime.stopContainer(id, Duration.ZERO);
      assertThat(runtime.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerState.EXITED);
    }
  }

  /** A stop that arrives while the container is being launched waits for it, then stops it. */
  @Test
  void aStopDuringTheLaunchStopsTheLaunchedProcess() throws Exception {
    Path pidFile = temp.resolve("race-pid");
    String id = runtime.createContainer(runSandbox("stop-race"),
        shell("app", "echo $$ > " + pidFile + "; exec sleep 600"));
    Thread starter = Thread.ofVirtual().start(() -> {
      try {
        runtime.startContainer(id);
      } catch (RuntimeFailure e) {
        throw new IllegalStateException(e);
      }
    });
    // Whether the stop lands before, during or after the launch, nothing may be left running.
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      runtime.stopContainer(id, Duration.ZERO);
      return runtime.containerStatus(id).orElseThrow().state() != ContainerState.CREATED;
    });
    starter.join();
    runtime.stopContainer(id, Duration.ZERO);

    assertThat(runtime.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerState.EXITED);
    if (Files.exists(pidFile) && Files.size(pidFile) > 0) {
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      await().atMost(Duration.ofSeconds(10))
          .until(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
    }
  }
}

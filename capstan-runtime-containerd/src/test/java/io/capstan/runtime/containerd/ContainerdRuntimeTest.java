package io.capstan.runtime.containerd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.node.runtime.ContainerConfig;
import io.capstan.node.runtime.ContainerState;
import io.capstan.node.runtime.PodRef;
import io.capstan.node.runtime.RuntimeConformanceTest.LogEntry;
import io.capstan.node.runtime.RuntimeFailure;
import io.capstan.node.runtime.SandboxConfig;
import io.capstan.node.runtime.SandboxStatus;
import io.capstan.runtime.containerd.cri.RuntimeCondition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the containerd runtime does beyond the conformance suite: CRI specifics and images. */
class ContainerdRuntimeTest {

  @RegisterExtension static final ContainerdFixture containerd = new ContainerdFixture();

  @TempDir Path temp;
  private ContainerdRuntime runtime;

  @BeforeEach
  void open() throws RuntimeFailure {
    runtime = ContainerdRuntime.open(containerd.socket());
  }

  @AfterEach
  void removeEverything() throws RuntimeFailure {
    for (SandboxStatus sandbox : runtime.listSandboxes()) {
      runtime.removeSandbox(sandbox.id());
    }
    runtime.close();
  }

  @Test
  void reportsContainerdsVersionAndReadiness() throws RuntimeFailure {
    assertThat(runtime.version().nodeInfo()).startsWith("containerd://1.");

    assertThat(runtime.cri().status().getStatus().getConditionsList())
        .extracting(RuntimeCondition::getType, RuntimeCondition::getStatus)
        .contains(
            org.assertj.core.groups.Tuple.tuple("RuntimeReady", true),
            org.assertj.core.groups.Tuple.tuple("NetworkReady", true));
  }

  @Test
  void sandboxKeepsThePodsIdentityLabelsAndAnnotationsAndGetsAnAddressFromCni() throws Exception {
    String id = runtime.runSandbox(sandbox("web", Map.of("app", "web"), Map.of("note", "kept as given")));

    SandboxStatus status = runtime.sandboxStatus(id).orElseThrow();

    assertThat(status.pod()).isEqualTo(new PodRef("default", "web", "uid-web", 0));
    assertThat(status.state()).isEqualTo(SandboxStatus.State.READY);
    assertThat(status.labels()).isEqualTo(Map.of("app", "web"));
    assertThat(status.annotations()).isEqualTo(Map.of("note", "kept as given"));
    assertThat(status.podIp()).startsWith("10.88.");
  }

  @Test
  void containerSeesThePodsHostNameItsWorkingDirectoryAndTheImagesPath() throws Exception {
    String sandbox = runtime.runSandbox(sandbox("named", Map.of(), Map.of()));
    ContainerConfig config = new ContainerConfig(
        "app", 0, "busybox", List.of("sh", "-c", "hostname; pwd; echo \"$PATH\""), List.of(), "/tmp",
        List.of(), List.of(), Path.of("app/0.log"), Map.of(), Map.of());

    String id = runtime.createContainer(sandbox, config);
    runtime.startContainer(id);
    awaitExited(id);

    assertThat(LogEntry.readAll(temp.resolve("logs/app/0.log")))
        .extracting(LogEntry::text)
        .containsExactly("named", "/tmp", OciImageWriter.DEFAULT_PATH);
    var status = runtime.containerStatus(id).orElseThrow();
    assertThat(status.image()).as("the image as the agent named it").isEqualTo("busybox");
    assertThat(status.sandboxId()).isEqualTo(sandbox);
    assertThat(status.labels()).isEmpty();
  }

  /** After an agent restart the sandbox's config (log directory, host name) comes from containerd. */
  @Test
  void aRuntimeOpenedLaterCreatesContainersInSandboxesItDidNotCreate() throws Exception {
    String sandbox = runtime.runSandbox(sandbox("adopted", Map.of(), Map.of()));
    runtime.close();
    runtime = ContainerdRuntime.open(containerd.socket());

    String id = runtime.createContainer(sandbox, new ContainerConfig(
        "late", 1, "busybox", List.of("sh", "-c", "hostname"), List.of(), "", List.of(), List.of(),
        Path.of("late/1.log"), Map.of(), Map.of()));
    runtime.startContainer(id);
    awaitExited(id);

    assertThat(LogEntry.readAll(temp.resolve("logs/late/1.log")))
        .extracting(LogEntry::text)
        .containsExactly("adopted");
    assertThat(runtime.containerStatus(id).orElseThrow().attempt()).isEqualTo(1);
  }

  @Test
  void ensureImageFindsAnImageOnTheNodeWithoutPulling() throws Exception {
    String id = runtime.ensureImage("busybox", PullPolicy.IF_NOT_PRESENT);

    assertThat(id).startsWith("sha256:");
    assertThat(runtime.ensureImage(ContainerdFixture.BUSYBOX_IMAGE, PullPolicy.NEVER)).isEqualTo(id);
  }

  @Test
  void ensureImageRefusesAMissingImageWhenThePolicyIsNever() {
    assertThatThrownBy(() -> runtime.ensureImage("capstan.local/missing:1", PullPolicy.NEVER))
        .isInstanceOfSatisfying(RuntimeFailure.class, f -> {
          assertThat(f.reason()).isEqualTo("ErrImageNeverPull");
          assertThat(f.getMessage()).contains("capstan.local/missing:1");
        });
  }

  @Test
  void aFailedPullIsErrImagePullWithContainerdsMessage() {
    // Nothing listens on port 1: the pull fails at once, without a registry or DNS.
    assertThatThrownBy(() -> runtime.ensureImage("127.0.0.1:1/missing:1", PullPolicy.ALWAYS))
        .isInstanceOfSatisfying(RuntimeFailure.class, f -> {
          assertThat(f.reason()).isEqualTo("ErrImagePull");
          assertThat(f.getMessage()).contains("127.0.0.1:1/missing:1").contains("connection refused");
        });
  }

  @Test
  void aContainerOfAMissingImageFailsToBeCreated() throws Exception {
    String sandbox = runtime.runSandbox(sandbox("missing", Map.of(), Map.of()));

    assertThatThrownBy(() -> runtime.createContainer(sandbox, new ContainerConfig(
        "app", 0, "capstan.local/missing:1", List.of("sh"), List.of(), "", List.of(), List.of(),
        Path.of("app/0.log"), Map.of(), Map.of())))
        .isInstanceOfSatisfying(RuntimeFailure.class,
            f -> assertThat(f.reason()).isEqualTo("CreateContainerError"));
  }

  private SandboxConfig sandbox(String name, Map<String, String> labels, Map<String, String> annotations) {
    return new SandboxConfig(new PodRef("default", name, "uid-" + name, 0), name, "", temp.resolve("logs"),
        List.of(), labels, annotations);
  }

  private void awaitExited(String id) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> runtime.containerStatus(id).orElseThrow().state() == ContainerState.EXITED);
  }
}

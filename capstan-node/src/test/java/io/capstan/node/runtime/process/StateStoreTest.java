package io.capstan.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.node.runtime.ContainerConfig;
import io.capstan.node.runtime.PodRef;
import io.capstan.node.runtime.SandboxConfig;
import io.capstan.node.runtime.SandboxStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

  @TempDir Path temp;

  @Test
  void recordsSurviveAReloadWithRelativePathsKeptRelative() throws Exception {
    StateStore store = new StateStore(temp);
    SandboxRecord sandbox =
        new SandboxRecord(
            "s1",
            new SandboxConfig(new PodRef("ns", "pod", "uid", 1), "pod", "10.0.0.7", temp.resolve("logs"),
                List.of(new SandboxConfig.PortMapping("TCP", 80, 8080, "")), Map.of("a", "b"), Map.of()),
            Instant.parse("2024-01-02T03:04:05.123456789Z"),
            SandboxStatus.State.READY);
    ContainerConfig config =
        new ContainerConfig("app", 2, "busybox", List.of("sh", "-c"), List.of("echo hi"), "",
            List.of(new ContainerConfig.EnvVar("A", "1")),
            List.of(new ContainerConfig.Mount("/etc/cfg", temp.resolve("vol"), true)),
            Path.of("app/2.log"), Map.of(), Map.of("k", "v"));
    ContainerRecord container =
        ContainerRecord.created("c1", "s1", config, temp.resolve("logs/app/2.log"), Instant.EPOCH)
            .started(new ProcStat(42, 'S', 42, 12345), MountIsolation.MOUNT_NAMESPACE,
                List.of("/etc/cfg"), Instant.EPOCH.plusSeconds(1));

    store.save(sandbox);
    store.save(container);
    StateStore reopened = new StateStore(temp);

    assertThat(reopened.loadSandboxes()).containsExactly(sandbox);
    assertThat(reopened.loadContainers()).containsExactly(container);
    assertThat(reopened.loadContainers().getFirst().config().logPath()).isEqualTo(Path.of("app/2.log"));
    try (var files = Files.list(temp.resolve("containers"))) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("c1.json");
    }
  }

  @Test
  void anUnreadableRecordIsSkipped() throws Exception {
    StateStore store = new StateStore(temp);
    Files.writeString(temp.resolve("containers/broken.json"), "{not json");

    assertThat(store.loadContainers()).isEmpty();
  }
}

package io.capstan.node.podconfig;

import static io.capstan.node.podconfig.PodFixtures.container;
import static io.capstan.node.podconfig.PodFixtures.pod;
import static io.capstan.node.podconfig.PodFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.node.runtime.ContainerConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KubeletContainerInputsTest {

  @TempDir Path dir;
  private final KubeletContainerInputs inputs = new KubeletContainerInputs(new MapConfigSource());

  @Test
  void expandsCommandAndArgsWithTheResolvedEnvironment() throws Exception {
    Container container = new ContainerBuilder(container(List.of(),
        List.of(value("GREETING", "hello"), value("TARGET", "$(GREETING) world"))))
        .withCommand("/bin/sh", "-c", "echo $(TARGET)")
        .withArgs("$$(TARGET)", "$(MISSING)", "$TARGET", "$$$(GREETING)").build();
    var resolved = inputs.resolve(pod(container), container, Map.of());
    assertThat(resolved.command()).containsExactly("/bin/sh", "-c", "echo hello world");
    assertThat(resolved.args()).containsExactly("$(TARGET)", "$(MISSING)", "$TARGET", "$hello");
  }

  @Test
  void mountsVolumesAndSubPaths() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("app.conf"), "x");
    Container container = new ContainerBuilder(container(List.of(),
        List.of(value("POD", "web-1"))))
        .withVolumeMounts(mount("data", "/var/data", null, null, true),
            mount("data", "/etc/app.conf", "app.conf", null, false),
            mount("data", "/logs", null, "logs/$(POD)", false))
        .build();
    var resolved = inputs.resolve(pod(container), container, Map.of("data", data));
    assertThat(resolved.mounts()).containsExactly(
        new ContainerConfig.Mount("/var/data", data, true),
        new ContainerConfig.Mount("/etc/app.conf", data.resolve("app.conf"), false),
        new ContainerConfig.Mount("/logs", data.resolve("logs/web-1"), false));
    assertThat(data.resolve("logs/web-1")).isDirectory();
  }

  record MountError(String name, VolumeMount mount, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<MountError> mountErrors() {
    return List.of(
        new MountError("unknown volume", mount("nope", "/x", null, null, false),
            "cannot find volume \"nope\" to mount into container \"app\""),
        new MountError("subPath with ..", mount("data", "/x", "a/../../etc", null, false),
            "unable to provision SubPath `a/../../etc`: must not contain '..'"),
        new MountError("absolute subPath", mount("data", "/x", "/etc", null, false),
            "error SubPath `/etc` must not be an absolute path"),
        new MountError("subPathExpr with missing variables",
            mount("data", "/x", null, "$(B)/$(A)/$(POD)", false), "missing value for A, B"),
        new MountError("subPathExpr expanding to ..", mount("data", "/x", null, "$(UP)", false),
            "unable to provision SubPath `..`: must not contain '..'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mountErrors")
  void rejectsMountsAsTheKubelet(MountError c) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Container container = new ContainerBuilder(container(List.of(),
        List.of(value("POD", "web-1"), value("UP", ".."))))
        .withVolumeMounts(c.mount()).build();
    assertThatThrownBy(() -> inputs.resolve(pod(container), container, Map.of("data", data)))
        .isInstanceOf(ContainerConfigError.class).hasMessage(c.message());
  }

  @Test
  void rejectsASubPathThatEscapesThroughASymlink() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(data.resolve("escape"), outside);
    Container container = new ContainerBuilder(container(List.of(), List.of()))
        .withVolumeMounts(mount("data", "/x", "escape", null, false)).build();
    assertThatThrownBy(() -> inputs.resolve(pod(container), container, Map.of("data", data)))
        .isInstanceOf(ContainerConfigError.class)
        .hasMessage("subpath \"" + outside.toRealPath() + "\" not within volume path \""
            + data.toRealPath() + "\"");
  }

  private static VolumeMount mount(String name, String path, String subPath, String subPathExpr,
      boolean readOnly) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).withSubPath(subPath)
        .withSubPathExpr(subPathExpr).withReadOnly(readOnly).build();
  }
}

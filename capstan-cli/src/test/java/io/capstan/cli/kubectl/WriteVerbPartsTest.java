package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The small rules of the writing verbs: names, merge keys, durations, the editor command. */
class WriteVerbPartsTest {

  record NameCase(String image, String container) {
    @Override
    public String toString() {
      return image;
    }
  }

  static Stream<NameCase> names() {
    return Stream.of(new NameCase("nginx", "nginx"),
        new NameCase("registry.k8s.io/nginx:1.25", "nginx"),
        new NameCase("localhost:5000/team/app@sha256:abc", "app"),
        new NameCase("busybox:1.36@sha256:abc", "busybox"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void containerIsNamedAfterTheImage(NameCase c) {
    assertThat(CreateDeploymentCommand.containerName(c.image())).isEqualTo(c.container());
  }

  @Test
  void underscoresAndDotsBecomeDashesWithARandomSuffix() {
    assertThat(CreateDeploymentCommand.containerName("localhost:5000/my_app.x:1"))
        .matches("my-app-x-[a-z0-9]{5}");
  }

  record KeyCase(String kind, List<String> path, MergeKeys.ListKind expected) {
    @Override
    public String toString() {
      return kind + " " + String.join(".", path);
    }
  }

  static Stream<KeyCase> mergeKeys() {
    return Stream.of(
        new KeyCase("Deployment", List.of("spec", "template", "spec", "containers"),
            new MergeKeys.ByKey("name")),
        new KeyCase("Deployment", List.of("spec", "template", "spec", "containers", "ports"),
            new MergeKeys.ByKey("containerPort")),
        new KeyCase("Pod", List.of("spec", "containers", "volumeMounts"),
            new MergeKeys.ByKey("mountPath")),
        new KeyCase("Pod", List.of("spec", "volumes"), new MergeKeys.ByKey("name")),
        new KeyCase("Service", List.of("spec", "ports"), new MergeKeys.ByKey("port")),
        new KeyCase("Endpoints", List.of("subsets", "ports"), new MergeKeys.Atomic()),
        new KeyCase("ConfigMap", List.of("metadata", "finalizers"), new MergeKeys.Primitives()),
        new KeyCase("Deployment", List.of("spec", "template", "spec", "containers", "args"),
            new MergeKeys.Atomic()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mergeKeys")
  void listsMergeByTheirKeys(KeyCase c) {
    assertThat(MergeKeys.of(c.kind(), c.path())).isEqualTo(c.expected());
  }

  @Test
  void editorComesFromKubeEditorThenEditorAndRunsThroughTheShellWhenItHasArguments() {
    Path file = Path.of("/tmp/e.yaml");
    assertThat(EditorSession.command(Map.of("KUBE_EDITOR", "nano", "EDITOR", "vim"), file))
        .containsExactly("nano", "/tmp/e.yaml");
    assertThat(EditorSession.command(Map.of("EDITOR", "code --wait", "SHELL", "/bin/zsh"), file))
        .containsExactly("/bin/zsh", "-c", "code --wait /tmp/e.yaml");
    assertThat(EditorSession.command(Map.of(), file)).containsExactly("vi", "/tmp/e.yaml");
  }

  @Test
  void commentsAreIgnoredWhenComparingTheEditedText() {
    assertThat(EditorSession.withoutComments(EditorSession.HEADER + "a: 1\n"))
        .isEqualTo("a: 1");
  }
}

package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigMapSourcesTest {

  @TempDir
  Path dir;

  @Test
  void readsLiteralsFilesAndDirectories() throws IOException {
    Files.writeString(dir.resolve("f.txt"), "hello\n");
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Files.writeString(sub.resolve("one"), "1");
    Files.writeString(sub.resolve("two"), "2");
    Map<String, String> data = ConfigMapSources.read(List.of("a=b=c"),
        List.of(dir.resolve("f.txt").toString(), "k2=" + dir.resolve("f.txt"), sub.toString()),
        List.of(), Map.of());
    assertThat(data).containsExactlyInAnyOrderEntriesOf(Map.of("a", "b=c", "f.txt", "hello\n",
        "k2", "hello\n", "one", "1", "two", "2"));
  }

  @Test
  void readsEnvFilesSkippingCommentsAndTakingBareKeysFromTheEnvironment() throws IOException {
    Path env = Files.writeString(dir.resolve("env"), "X=1\n# comment\n\nY=two words\nHOME_DIR\n");
    assertThat(ConfigMapSources.read(List.of(), List.of(), List.of(env.toString()),
        Map.of("HOME_DIR", "/root"))).containsExactlyInAnyOrderEntriesOf(
            Map.of("X", "1", "Y", "two words", "HOME_DIR", "/root"));
  }

  @Test
  void failsAsKubectlDoes() {
    assertThatThrownBy(() -> ConfigMapSources.read(List.of("ab"), List.of(), List.of(), Map.of()))
        .hasMessage("error: invalid literal source ab, expected key=value");
    assertThatThrownBy(() -> ConfigMapSources.read(List.of("a=b"), List.of(), List.of("e"),
        Map.of())).hasMessage("error: from-env-file cannot be combined with from-file or "
            + "from-literal");
    assertThatThrownBy(() -> ConfigMapSources.read(List.of(), List.of("nope.txt"), List.of(),
        Map.of())).hasMessage("error: error reading nope.txt: no such file or directory");
    assertThatThrownBy(() -> ConfigMapSources.read(List.of("a=1", "a=2"), List.of(), List.of(),
        Map.of())).hasMessageContaining("cannot add key a");
  }
}

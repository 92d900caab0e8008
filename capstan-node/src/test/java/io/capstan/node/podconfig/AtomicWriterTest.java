package io.capstan.node.podconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capstan.controller.runtime.testing.FakeClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AtomicWriterTest {

  @TempDir Path target;
  private final FakeClock clock = new FakeClock();

  record BadPath(String path, String message) {
    @Override
    public String toString() {
      return path.isEmpty() ? "(empty)" : path;
    }
  }

  static List<BadPath> badPaths() {
    return List.of(
        new BadPath("", "invalid path: must not be empty: \"\""),
        new BadPath("/etc/passwd", "invalid path: must be relative path: /etc/passwd"),
        new BadPath("a/../../b", "invalid path: must not contain '..': a/../../b"),
        new BadPath("..data", "invalid path: must not start with '..': ..data"),
        new BadPath("x".repeat(256), "invalid path: filenames must be less than or equal to 255"
            + " characters"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPaths")
  void rejectsPathsThatWouldLeaveOrShadowTheVolume(BadPath c) {
    assertThatThrownBy(() -> new AtomicWriter(target, clock).write(Map.of(c.path(), file("x"))))
        .isInstanceOf(IOException.class).hasMessage(c.message());
  }

  @Test
  void removesNamesThatDisappearedIncludingNestedDirectories() throws Exception {
    AtomicWriter writer = new AtomicWriter(target, clock);
    assertThat(writer.write(Map.of("keep", file("1"), "dir/a/b", file("2")))).isTrue();
    assertThat(Files.readString(target.resolve("dir/a/b"))).isEqualTo("2");
    clock.advance(Duration.ofSeconds(1));
    assertThat(writer.write(Map.of("keep", file("1")))).isTrue();
    assertThat(Files.exists(target.resolve("dir"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.readString(target.resolve("keep"))).isEqualTo("1");
    assertThat(writer.write(Map.of("keep", file("1")))).isFalse();
  }

  @Test
  void recoversFromALeftoverTemporaryLink() throws Exception {
    Files.createSymbolicLink(target.resolve(AtomicWriter.NEW_DATA_DIR), Path.of("..gone"));
    new AtomicWriter(target, clock).write(Map.of("k", file("v")));
    assertThat(Files.readString(target.resolve("k"))).isEqualTo("v");
    assertThat(Files.exists(target.resolve(AtomicWriter.NEW_DATA_DIR),
        LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void recreatesAUserVisibleLinkThatWasDeleted() throws Exception {
    AtomicWriter writer = new AtomicWriter(target, clock);
    writer.write(Map.of("k", file("v")));
    Files.delete(target.resolve("k"));
    assertThat(writer.write(Map.of("k", file("v")))).isFalse();
    assertThat(Files.readString(target.resolve("k"))).isEqualTo("v");
  }

  private static FileProjection file(String content) {
    return new FileProjection(content.getBytes(StandardCharsets.UTF_8), 0644);
  }
}

package io.capstan.bench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {

  private static final List<String> LINES = List.of(
      "# comment", "", "-XX:+UseSerialGC", "  -Xms16m   # trailing comment",
      "25: -XX:+UseCompactObjectHeaders", "MALLOC_ARENA_MAX=2");

  @Test
  void versionedFlagsApplyFromTheirJdkOn() {
    assertThat(JvmOptions.parse(LINES, 25).flags())
        .containsExactly("-XX:+UseSerialGC", "-Xms16m", "-XX:+UseCompactObjectHeaders");
    assertThat(JvmOptions.parse(LINES, 21).flags()).containsExactly("-XX:+UseSerialGC", "-Xms16m");
  }

  @Test
  void assignmentsAreEnvironment() {
    assertThat(JvmOptions.parse(LINES, 21).environment())
        .isEqualTo(Map.of("MALLOC_ARENA_MAX", "2"));
  }

  @Test
  void rejectsLinesItCannotRead() {
    for (String line : List.of("-Xms16m -Xmx1g", "Xms16m", "25:")) {
      assertThatThrownBy(() -> JvmOptions.parse(List.of(line), 25))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theRepositoryFileParses() throws IOException {
    // The launcher and the benchmarks share this file; it must stay readable by both.
    Path file = Path.of("..", "bin", "jvm.options");
    JvmOptions options = JvmOptions.parse(Files.readAllLines(file), 25);
    assertThat(options.flags()).contains("-XX:+UseSerialGC", "-XX:+UseCompactObjectHeaders");
  }
}

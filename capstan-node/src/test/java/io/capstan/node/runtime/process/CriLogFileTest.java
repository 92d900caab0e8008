package io.capstan.node.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.node.runtime.RuntimeConformanceTest.LogEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CriLogFileTest {

  private static final int MAX = LogPump.MAX_ENTRY_BYTES;

  @TempDir Path temp;

  /** A clock that moves on by one millisecond every time it is read. */
  private static final class TickingClock extends Clock {
    private Instant now = Instant.parse("2016-10-06T00:17:09.669794202Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      Instant current = now;
      now = now.plus(Duration.ofMillis(1));
      return current;
    }
  }

  record Case(String name, String input, List<String> tagsAndLengths) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> lines() {
    return Stream.of(
        new Case("two complete lines", "a\nbc\n", List.of("F1", "F2")),
        new Case("empty line", "\n", List.of("F0")),
        new Case("unterminated last line is complete", "a\nlast", List.of("F1", "F4")),
        new Case("line of exactly the maximum", "x".repeat(MAX) + "\n", List.of("F" + MAX)),
        new Case("long line is cut into partial entries",
            "x".repeat(2 * MAX + 5) + "\n", List.of("P" + MAX, "P" + MAX, "F5")),
        new Case("maximum plus one without newline", "x".repeat(MAX + 1),
            List.of("P" + MAX, "F1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lines")
  void cutsLinesIntoEntries(Case c) throws IOException {
    Path file = temp.resolve("0.log");
    try (CriLogFile log = new CriLogFile(file, new TickingClock(), LogRotation.DEFAULT)) {
      new LogPump(new ByteArrayInputStream(c.input().getBytes(StandardCharsets.UTF_8)), "stdout", log).run();
    }

    List<LogEntry> entries = LogEntry.readAll(file);

    assertThat(entries).extracting(e -> e.tag() + e.text().length()).containsExactlyElementsOf(c.tagsAndLengths());
    assertThat(entries).allSatisfy(e -> assertThat(e.stream()).isEqualTo("stdout"));
    assertThat(String.join("", entries.stream().map(LogEntry::text).toList()))
        .isEqualTo(c.input().replace("\n", ""));
  }

  @Test
  void writesTheTimeWithNineFractionalDigits() throws IOException {
    Path file = temp.resolve("0.log");
    try (CriLogFile log = new CriLogFile(file, new TickingClock(), LogRotation.DEFAULT)) {
      byte[] text = "text".getBytes(StandardCharsets.UTF_8);
      log.write("stderr", true, text, 0, text.length);
    }

    assertThat(Files.readString(file)).isEqualTo("2016-10-06T00:17:09.669794202Z stderr F text\n");
  }

  @Test
  void rotatesBySizeAndKeepsTheNewestFiles() throws IOException {
    Path file = temp.resolve("app/0.log");
    int entryBytes = "2016-10-06T00:17:09.669794202Z stdout F line-000\n".length();
    LogRotation rotation = new LogRotation(3L * entryBytes, 3);
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      input.append("line-%03d\n".formatted(i));
    }
    try (CriLogFile log = new CriLogFile(file, new TickingClock(), rotation)) {
      new LogPump(new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)), "stdout", log).run();
    }

    List<Path> rotated = CriLogFile.rotatedFiles(file);
    assertThat(rotated).hasSize(2);
    assertThat(rotated).allSatisfy(p -> assertThat(p.getFileName().toString()).matches("0\\.log\\.20161006-\\d{6}\\.\\d{3}"));
    List<String> kept = new ArrayList<>();
    for (Path p : rotated) {
      assertThat(Files.size(p)).isLessThanOrEqualTo(rotation.maxFileBytes());
      LogEntry.readAll(p).forEach(e -> kept.add(e.text()));
    }
    LogEntry.readAll(file).forEach(e -> kept.add(e.text()));
    assertThat(kept).containsExactly(
        "line-012", "line-013", "line-014", "line-015", "line-016", "line-017", "line-018", "line-019");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).hasSize(3);
    }
  }
}

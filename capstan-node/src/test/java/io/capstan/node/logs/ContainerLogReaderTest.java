package io.capstan.node.logs;

import static io.capstan.node.logs.CriLogFixture.T0;
import static io.capstan.node.logs.CriLogFixture.stamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerLogReaderTest {

  private static final Duration POLL = Duration.ofMillis(10);
  private static final String ALL = "one\ntwo\nthree\nfour\nfive\nsix\nseven\n";

  @TempDir
  Path dir;

  /**
   * Seven lines over two rotated files and the current one; "three" is split into two parts in
   * one file, "five" straddles a rotation, and the current file has a line that is not CRI.
   * Times: one T0, two +1, thr +2, ee +3, four +4, fi +5, ve +6, six +7, seven +8.
   */
  static void rotatedLog(CriLogFixture log) {
    log.line("one").line("two").partial("thr").line("ee");
    log.rotate("20240501-100000.000");
    log.line("four").partial("fi");
    log.rotate("20240501-100100.000");
    log.line("ve").line("six").raw("not a cri line\n".getBytes(StandardCharsets.UTF_8))
        .line("seven");
  }

  record Case(String name, Consumer<CriLogFixture> fixture, LogOptions options, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    LogOptions all = LogOptions.all();
    return Stream.of(
        new Case("whole log across rotations, parts joined", ContainerLogReaderTest::rotatedLog,
            all, ALL),
        new Case("tail 2 in the current file", ContainerLogReaderTest::rotatedLog,
            all.withTailLines(2), "six\nseven\n"),
        new Case("tail 3 starts at a line split by rotation", ContainerLogReaderTest::rotatedLog,
            all.withTailLines(3), "five\nsix\nseven\n"),
        new Case("tail 5 starts in the oldest file", ContainerLogReaderTest::rotatedLog,
            all.withTailLines(5), "three\nfour\nfive\nsix\nseven\n"),
        new Case("tail beyond the log is all of it", ContainerLogReaderTest::rotatedLog,
            all.withTailLines(100), ALL),
        new Case("tail 0 is nothing", ContainerLogReaderTest::rotatedLog, all.withTailLines(0), ""),
        new Case("timestamps of each line's first part", ContainerLogReaderTest::rotatedLog,
            all.withTailLines(4).withTimestamps(true),
            stamp(T0.plusSeconds(4)) + "four\n" + stamp(T0.plusSeconds(5)) + "five\n"
                + stamp(T0.plusSeconds(7)) + "six\n" + stamp(T0.plusSeconds(8)) + "seven\n"),
        new Case("since keeps a line whose first part is in time",
            ContainerLogReaderTest::rotatedLog, all.withSince(T0.plusSeconds(5)),
            "five\nsix\nseven\n"),
        new Case("since drops a line whose first part is too old",
            ContainerLogReaderTest::rotatedLog, all.withSince(T0.plusSeconds(6)), "six\nseven\n"),
        new Case("tail then since", ContainerLogReaderTest::rotatedLog,
            all.withTailLines(3).withSince(T0.plusSeconds(7)), "six\nseven\n"),
        new Case("limitBytes cuts mid-line", ContainerLogReaderTest::rotatedLog,
            all.withLimitBytes(10), "one\ntwo\nth"),
        new Case("limitBytes counts timestamps", ContainerLogReaderTest::rotatedLog,
            all.withTailLines(1).withTimestamps(true).withLimitBytes(33),
            stamp(T0.plusSeconds(8)) + "se"),
        new Case("an unterminated last entry is still read",
            log -> log.line("a").raw("2024-05-01T10:00:09Z stdout F b".getBytes(StandardCharsets.UTF_8)),
            all, "a\nb\n"),
        new Case("a trailing partial line is printed as far as it goes",
            log -> log.line("a").partial("b"), all.withTailLines(1), "b"),
        new Case("stderr lines and an empty line", log -> log.entry("stderr", false, "err")
            .raw("2024-05-01T10:00:09Z stdout F\n".getBytes(StandardCharsets.UTF_8)).line("x"),
            all, "err\n\nx\n"),
        new Case("siblings that are not rotations are ignored", log -> {
          log.line("old");
          log.rotate("gz");
          log.line("new");
        }, all, "new\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsAsKubeletDoes(Case c) throws Exception {
    Path file = dir.resolve("app/0.log");
    c.fixture().accept(new CriLogFixture(file));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ContainerLogReader(POLL).read(file, c.options(), out, () -> false);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(c.expected());
  }

  @Test
  void aMissingFileIsReported() {
    assertThatThrownBy(() -> new ContainerLogReader(POLL).read(dir.resolve("none/0.log"),
        LogOptions.all(), new ByteArrayOutputStream(), () -> false))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void followReadsAppendsAndRotationsUntilTheContainerExits() throws Exception {
    Path file = dir.resolve("app/0.log");
    CriLogFixture log = new CriLogFixture(file).line("first");
    AtomicBoolean running = new AtomicBoolean(true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> reading = readInBackground(file, LogOptions.all().withFollow(true),
        out, running);

    await().atMost(Duration.ofSeconds(5)).until(() -> text(out).equals("first\n"));
    log.partial("sec").line("ond");
    await().atMost(Duration.ofSeconds(5)).until(() -> text(out).equals("first\nsecond\n"));
    log.line("before rotation");
    log.rotate("20240501-100000.000");
    log.line("after rotation");
    await().atMost(Duration.ofSeconds(5))
        .until(() -> text(out).equals("first\nsecond\nbefore rotation\nafter rotation\n"));
    assertThat(reading).isNotDone();

    log.line("last words");
    running.set(false);
    reading.get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(text(out))
        .isEqualTo("first\nsecond\nbefore rotation\nafter rotation\nlast words\n");
  }

  @Test
  void followWithTailZeroShowsOnlyNewLines() throws Exception {
    Path file = dir.resolve("app/0.log");
    CriLogFixture log = new CriLogFixture(file).line("old");
    AtomicBoolean running = new AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> reading = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        new ContainerLogReader(POLL).read(file,
            LogOptions.all().withFollow(true).withTailLines(0).withTimestamps(true), out, () -> {
              polls.incrementAndGet();
              return running.get();
            });
        reading.complete(null);
      } catch (Exception e) {
        reading.completeExceptionally(e);
      }
    });
    // Append only once the reader follows, so "new" is not part of the (empty) tail.
    await().atMost(Duration.ofSeconds(5)).until(() -> polls.get() > 0);
    var time = log.nextTime();
    log.line("new");
    await().atMost(Duration.ofSeconds(5)).until(() -> text(out).equals(stamp(time) + "new\n"));
    running.set(false);
    reading.get(5, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  void followStopsAtTheByteLimit() throws Exception {
    Path file = dir.resolve("app/0.log");
    CriLogFixture log = new CriLogFixture(file).line("abc");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Void> reading = readInBackground(file,
        LogOptions.all().withFollow(true).withLimitBytes(6), out, new AtomicBoolean(true));
    log.line("defgh");
    reading.get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(text(out)).isEqualTo("abc\nde");
  }

  @Test
  void followStopsWhenTheClientGoesAway() throws Exception {
    Path file = dir.resolve("app/0.log");
    CriLogFixture log = new CriLogFixture(file).line("seen");
    AtomicBoolean gone = new AtomicBoolean();
    OutputStream client = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (gone.get()) {
          throw new IOException("broken pipe");
        }
      }
    };
    CompletableFuture<Void> reading = readInBackground(file, LogOptions.all().withFollow(true),
        client, new AtomicBoolean(true));
    gone.set(true);
    log.line("unseen");
    await().atMost(Duration.ofSeconds(5)).until(reading::isDone);
    assertThat(reading).isCompletedExceptionally();
  }

  @Test
  void followStopsWhenInterrupted() throws Exception {
    Path file = dir.resolve("app/0.log");
    new CriLogFixture(file).line("x");
    Thread reader = Thread.ofVirtual().start(() -> {
      try {
        new ContainerLogReader(POLL).read(file, LogOptions.all().withFollow(true),
            new ByteArrayOutputStream(), () -> true);
      } catch (IOException | InterruptedException e) {
        // expected: the interrupt ends the follow
      }
    });
    reader.interrupt();
    assertThat(reader.join(Duration.ofSeconds(5))).isTrue();
  }

  private static CompletableFuture<Void> readInBackground(Path file, LogOptions options,
      OutputStream out, AtomicBoolean running) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        new ContainerLogReader(POLL).read(file, options, out, running::get);
        done.complete(null);
      } catch (Exception e) {
        done.completeExceptionally(e);
      }
    });
    return done;
  }

  private static String text(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8);
  }

}

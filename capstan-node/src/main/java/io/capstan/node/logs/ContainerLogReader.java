package io.capstan.node.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Writes a container's CRI log to a stream the way kubelet does for {@code pods/log}: rotated
 * files first, then the current one; with {@code follow}, it then polls the current file for new
 * lines, and when the runtime rotates it (the name now points at another file) finishes the old
 * file and reopens the name. Following ends when the container has exited and the file is
 * drained, when the byte limit is reached, when writing fails (the client went away) or when the
 * reading thread is interrupted.
 */
public final class ContainerLogReader {

  private final Duration pollInterval;

  public ContainerLogReader() {
    this(Duration.ofMillis(100));
  }

  public ContainerLogReader(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  /**
   * Reads the log whose current file is {@code current}.
   *
   * @param stillRunning asked while following: false once the container has exited, after which
   *     the reader drains the file and returns
   * @throws NoSuchFileException if the current file does not exist
   * @throws IOException if writing to {@code out} fails
   * @throws InterruptedException if the thread was interrupted while following
   */
  public void read(Path current, LogOptions options, OutputStream out,
      BooleanSupplier stillRunning) throws IOException, InterruptedException {
    List<Path> files = LogFiles.inReadingOrder(current);
    TailStart.FilePosition start = options.tailLines().isPresent()
        ? TailStart.find(files, options.tailLines().getAsLong())
        : new TailStart.FilePosition(0, 0);
    LogSink sink = new LogSink(out, options);
    int last = files.size() - 1;
    for (int i = start.file(); i < last; i++) {
      try (LineScanner rotated = LineScanner.open(files.get(i), i == start.file()
          ? start.offset() : 0)) {
        if (!drain(rotated, sink, true)) {
          out.flush();
          return;
        }
      } catch (NoSuchFileException e) {
        // Removed by log cleanup since the listing: there is nothing left of it to show.
      }
    }
    long offset = start.file() == last ? start.offset() : 0;
    if (!options.follow()) {
      try (LineScanner scanner = LineScanner.open(current, offset)) {
        drain(scanner, sink, true);
      }
      out.flush();
      return;
    }
    follow(current, offset, sink, out, stillRunning);
  }

  private void follow(Path current, long offset, LogSink sink, OutputStream out,
      BooleanSupplier stillRunning) throws IOException, InterruptedException {
    Opened opened = open(current, offset);
    LineScanner scanner = opened.scanner();
    Object key = opened.key();
    try {
      while (true) {
        boolean running = stillRunning.getAsBoolean();
        if (!drain(scanner, sink, false)) {
          return;
        }
        out.flush();
        Optional<Object> now = fileKey(current);
        if (now.isPresent() && !now.get().equals(key)) {
          // Rotated: the old file gets no more lines, so finish it and move to the new one.
          if (!drain(scanner, sink, true)) {
            return;
          }
          scanner.close();
          opened = open(current, 0);
          scanner = opened.scanner();
          key = opened.key();
          continue;
        }
        if (now.isPresent() && scanner.size() < scanner.consumed()) {
          // Truncated in place (copy-and-truncate rotation): start again from its beginning.
          scanner.close();
          opened = open(current, 0);
          scanner = opened.scanner();
          key = opened.key();
          continue;
        }
        if (!running) {
          drain(scanner, sink, true);
          out.flush();
          return;
        }
        Thread.sleep(pollInterval);
      }
    } finally {
      scanner.close();
    }
  }

  /** Feeds complete lines (and, if asked, an unterminated last one); false once the sink is full. */
  private static boolean drain(LineScanner scanner, LogSink sink, boolean includeRemainder)
      throws IOException {
    while (true) {
      Optional<byte[]> line = scanner.nextLine();
      if (line.isEmpty() && includeRemainder) {
        line = scanner.remainder();
      }
      if (line.isEmpty()) {
        return !sink.full();
      }
      Optional<CriEntry> entry = CriEntry.parse(line.get());
      if (entry.isPresent() && !sink.accept(entry.get())) {
        return false;
      }
    }
  }

  private record Opened(LineScanner scanner, Object key) {}

  /** Opens the file a name points at together with that file's identity, retrying a race. */
  private static Opened open(Path path, long offset) throws IOException {
    while (true) {
      Optional<Object> before = fileKey(path);
      LineScanner scanner = LineScanner.open(path, offset);
      Optional<Object> after = fileKey(path);
      if (before.isPresent() && before.equals(after)) {
        return new Opened(scanner, before.get());
      }
      scanner.close();
      offset = 0;
    }
  }

  private static Optional<Object> fileKey(Path path) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      Object key = attributes.fileKey();
      return Optional.of(key != null ? key : attributes.creationTime());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}

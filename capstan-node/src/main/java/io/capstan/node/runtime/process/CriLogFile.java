package io.capstan.node.runtime.process;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One container's log file in CRI's format, shared by the pumps of its stdout and stderr: every
 * entry is {@code <time> <stream> <F|P> <text>\n} with the time in RFC 3339 with a fixed nine
 * fractional digits, as CRI-O writes it (any RFC 3339 parser reads it). Entries are written whole
 * under the file's lock, so the two streams interleave by line, never inside one. Before an entry
 * would take the file past {@link LogRotation#maxFileBytes()} the file is renamed to
 * {@code <file>.<yyyyMMdd-HHmmss.SSS>} (UTC) and reopened, and the oldest rotated siblings beyond
 * {@link LogRotation#maxFiles()} are deleted.
 */
final class CriLogFile implements AutoCloseable {

  private static final DateTimeFormatter ENTRY_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ROTATED_SUFFIX =
      DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss.SSS").withZone(ZoneOffset.UTC);

  private final Path file;
  private final Clock clock;
  private final LogRotation rotation;
  private OutputStream out;
  private long size;

  CriLogFile(Path file, Clock clock, LogRotation rotation) throws IOException {
    this.file = file;
    this.clock = clock;
    this.rotation = rotation;
    Files.createDirectories(file.toAbsolutePath().getParent());
    open();
  }

  /** Appends one entry; {@code complete} is false for a chunk of a line that goes on ({@code P}). */
  synchronized void write(String stream, boolean complete, byte[] text, int offset, int length)
      throws IOException {
    byte[] prefix =
        (ENTRY_TIME.format(clock.instant()) + " " + stream + (complete ? " F " : " P "))
            .getBytes(StandardCharsets.US_ASCII);
    long entryBytes = prefix.length + length + 1L;
    if (size > 0 && size + entryBytes > rotation.maxFileBytes()) {
      rotate();
    }
    out.write(prefix);
    out.write(text, offset, length);
    out.write('\n');
    size += entryBytes;
  }

  /** Pushes buffered entries to the file, so readers see what the container wrote so far. */
  synchronized void flush() throws IOException {
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  private void open() throws IOException {
    out =
        new BufferedOutputStream(
            Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
            64 * 1024);
    size = Files.size(file);
  }

  private void rotate() throws IOException {
    out.close();
    if (rotation.maxFiles() > 1) {
      Files.move(file, rotatedName(clock.instant()));
    } else {
      Files.delete(file);
    }
    deleteOldRotations();
    open();
  }

  /** A free sibling name; two rotations in one millisecond take the next millisecond's name. */
  private Path rotatedName(Instant at) {
    Instant candidate = at;
    while (true) {
      Path rotated = file.resolveSibling(file.getFileName() + "." + ROTATED_SUFFIX.format(candidate));
      if (!Files.exists(rotated)) {
        return rotated;
      }
      candidate = candidate.plusMillis(1);
    }
  }

  private void deleteOldRotations() throws IOException {
    List<Path> rotated = rotatedFiles(file);
    for (int i = 0; i < rotated.size() - (rotation.maxFiles() - 1); i++) {
      Files.deleteIfExists(rotated.get(i));
    }
  }

  /** The rotated siblings of {@code file}, oldest first (their suffixes sort by time). */
  static List<Path> rotatedFiles(Path file) throws IOException {
    String prefix = file.getFileName() + ".";
    List<Path> rotated = new ArrayList<>();
    try (Stream<Path> siblings = Files.list(file.toAbsolutePath().getParent())) {
      siblings
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> p.getFileName().toString().substring(prefix.length()).matches("\\d{8}-\\d{6}\\.\\d{3}"))
          .sorted()
          .forEach(rotated::add);
    }
    return rotated;
  }
}

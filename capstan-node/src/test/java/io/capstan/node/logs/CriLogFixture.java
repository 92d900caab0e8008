package io.capstan.node.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Writes CRI log lines as a runtime would, to build fixtures: each call appends one entry with
 * the next time of a clock that starts at {@link #T0} and ticks a second per entry.
 */
public final class CriLogFixture {

  public static final Instant T0 = Instant.parse("2024-05-01T10:00:00.000000001Z");

  private final Path file;
  private Instant next = T0;

  public CriLogFixture(Path file) {
    this.file = file;
  }

  /** The time the next entry will carry. */
  public Instant nextTime() {
    return next;
  }

  /** A full line on stdout. */
  public CriLogFixture line(String text) {
    return entry("stdout", false, text);
  }

  /** A partial entry, continued by the next one. */
  public CriLogFixture partial(String text) {
    return entry("stdout", true, text);
  }

  public CriLogFixture entry(String stream, boolean partial, String text) {
    CriEntry entry = new CriEntry(next, stream, partial, text.getBytes(StandardCharsets.UTF_8));
    next = next.plusSeconds(1);
    return raw(entry.encode());
  }

  /** Appends bytes as they are, for malformed or unterminated lines. */
  public CriLogFixture raw(byte[] bytes) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Renames the current file to a rotated sibling, as the runtime does; the next entry starts a new file. */
  public Path rotate(String suffix) {
    try {
      return Files.move(file, file.resolveSibling(file.getFileName() + "." + suffix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The RFC3339Nano prefix that {@code timestamps} adds to the line written at {@code time}. */
  public static String stamp(Instant time) {
    return CriEntry.timestampPrefix(time);
  }
}

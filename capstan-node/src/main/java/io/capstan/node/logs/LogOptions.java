package io.capstan.node.logs;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What part of a container's log to read and how to print it, as the {@code pods/log} query
 * asks: {@code sinceSeconds} is already turned into an instant by the caller, because "since" is
 * relative to when the request arrived.
 *
 * @param follow keep reading new lines until the container has exited and its file is drained
 * @param tailLines only the last so many whole lines (across rotated files)
 * @param since only lines written at or after this time
 * @param timestamps prefix each line with its RFC3339Nano time and a space
 * @param limitBytes stop after writing this many bytes
 */
public record LogOptions(boolean follow, OptionalLong tailLines, Optional<Instant> since,
    boolean timestamps, OptionalLong limitBytes) {

  public LogOptions {
    if (tailLines.isPresent() && tailLines.getAsLong() < 0) {
      throw new IllegalArgumentException("tailLines must not be negative");
    }
    if (limitBytes.isPresent() && limitBytes.getAsLong() < 1) {
      throw new IllegalArgumentException("limitBytes must be positive");
    }
  }

  /** The whole log, once, without timestamps. */
  public static LogOptions all() {
    return new LogOptions(false, OptionalLong.empty(), Optional.empty(), false,
        OptionalLong.empty());
  }

  public LogOptions withFollow(boolean value) {
    return new LogOptions(value, tailLines, since, timestamps, limitBytes);
  }

  public LogOptions withTailLines(long value) {
    return new LogOptions(follow, OptionalLong.of(value), since, timestamps, limitBytes);
  }

  public LogOptions withSince(Instant value) {
    return new LogOptions(follow, tailLines, Optional.of(value), timestamps, limitBytes);
  }

  public LogOptions withTimestamps(boolean value) {
    return new LogOptions(follow, tailLines, since, value, limitBytes);
  }

  public LogOptions withLimitBytes(long value) {
    return new LogOptions(follow, tailLines, since, timestamps, OptionalLong.of(value));
  }
}

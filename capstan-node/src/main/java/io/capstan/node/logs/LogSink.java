package io.capstan.node.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes entries out as the user sees them: the parts of a line joined, a timestamp before each
 * line when asked, lines older than {@code since} left out (judged by the time of a line's first
 * part), and nothing past {@code limitBytes}.
 */
final class LogSink {

  private final OutputStream out;
  private final LogOptions options;
  private long remaining;
  private boolean inLine;
  private boolean skipping;

  LogSink(OutputStream out, LogOptions options) {
    this.out = out;
    this.options = options;
    this.remaining = options.limitBytes().orElse(Long.MAX_VALUE);
  }

  /** Writes one entry; false once the byte limit is reached and nothing more will be written. */
  boolean accept(CriEntry entry) throws IOException {
    if (full()) {
      return false;
    }
    if (!inLine) {
      skipping = options.since().map(entry.time()::isBefore).orElse(false);
      if (!skipping && options.timestamps()) {
        emit(CriEntry.timestampPrefix(entry.time()).getBytes(StandardCharsets.US_ASCII));
      }
    }
    inLine = entry.partial();
    if (!skipping) {
      emit(entry.content());
      if (!entry.partial()) {
        emit(new byte[] {'\n'});
      }
    }
    return !full();
  }

  boolean full() {
    return remaining <= 0;
  }

  private void emit(byte[] bytes) throws IOException {
    int length = (int) Math.min(bytes.length, remaining);
    if (length > 0) {
      out.write(bytes, 0, length);
      remaining -= length;
    }
  }
}

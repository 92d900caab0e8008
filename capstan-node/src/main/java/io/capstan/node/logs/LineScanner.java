package io.capstan.node.logs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads one log file line by line from an offset, and can be asked again after the file grew: an
 * incomplete last line (a writer caught mid-line) stays buffered until its newline arrives, or is
 * handed out by {@link #remainder()} when the caller knows no more will come.
 */
final class LineScanner implements Closeable {

  /** A line longer than this without a newline is cut; runtimes split lines far below it. */
  private static final int MAX_LINE = 4 * 1024 * 1024;

  private final FileChannel channel;
  private byte[] buffer = new byte[64 * 1024];
  private int start;
  private int end;
  /** The file offset of {@code buffer[0]}. */
  private long bufferOffset;
  private long lastLineStart;

  private LineScanner(FileChannel channel, long offset) {
    this.channel = channel;
    this.bufferOffset = offset;
  }

  static LineScanner open(Path file, long offset) throws IOException {
    return new LineScanner(FileChannel.open(file, StandardOpenOption.READ), offset);
  }

  /** The next complete line without its newline; empty at the end of what is written so far. */
  Optional<byte[]> nextLine() throws IOException {
    while (true) {
      for (int i = start; i < end; i++) {
        if (buffer[i] == '\n') {
          return Optional.of(take(i, i + 1));
        }
      }
      if (end - start >= MAX_LINE) {
        return Optional.of(take(end, end));
      }
      compact();
      int read = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end),
          bufferOffset + end);
      if (read <= 0) {
        return Optional.empty();
      }
      end += read;
    }
  }

  /** The buffered bytes of an unfinished last line, if any, consumed. */
  Optional<byte[]> remainder() {
    return start == end ? Optional.empty() : Optional.of(take(end, end));
  }

  /** The offset where the line last returned started. */
  long lastLineStart() {
    return lastLineStart;
  }

  /** The offset just past everything handed out. */
  long consumed() {
    return bufferOffset + start;
  }

  long size() throws IOException {
    return channel.size();
  }

  private byte[] take(int lineEnd, int next) {
    lastLineStart = bufferOffset + start;
    byte[] line = Arrays.copyOfRange(buffer, start, lineEnd);
    start = next;
    return line;
  }

  private void compact() {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      bufferOffset += start;
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}

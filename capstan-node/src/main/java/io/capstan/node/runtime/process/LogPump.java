package io.capstan.node.runtime.process;

import java.io.IOException;
import java.io.InputStream;

/**
 * Copies one output stream of a container into its {@link CriLogFile}, line by line: a line ends
 * at {@code \n} and becomes an {@code F} entry; a line longer than {@link #MAX_ENTRY_BYTES} is cut
 * into {@code P} entries of that size followed by an {@code F} entry with the rest, as containerd
 * cuts them. What is left when the stream ends is written as a complete line. The file is flushed
 * whenever the pump has consumed everything the container has written so far.
 */
final class LogPump implements Runnable {

  /** containerd's default {@code max_container_log_line_size}. */
  static final int MAX_ENTRY_BYTES = 16 * 1024;

  private final InputStream in;
  private final String stream;
  private final CriLogFile log;

  LogPump(InputStream in, String stream, CriLogFile log) {
    this.in = in;
    this.stream = stream;
    this.log = log;
  }

  @Override
  public void run() {
    try (in) {
      pump();
    } catch (IOException e) {
      // The log file was closed under us (the runtime was closed) or the disk failed. Closing
      // our end of the pipe makes the container's next write fail with SIGPIPE, as it would if
      // the agent had died.
    }
  }

  private void pump() throws IOException {
    byte[] chunk = new byte[8192];
    byte[] line = new byte[MAX_ENTRY_BYTES];
    int lineLength = 0;
    int read;
    while ((read = in.read(chunk)) >= 0) {
      for (int i = 0; i < read; i++) {
        byte b = chunk[i];
        if (b == '\n') {
          log.write(stream, true, line, 0, lineLength);
          lineLength = 0;
          continue;
        }
        if (lineLength == MAX_ENTRY_BYTES) {
          log.write(stream, false, line, 0, lineLength);
          lineLength = 0;
        }
        line[lineLength++] = b;
      }
      if (in.available() == 0) {
        log.flush();
      }
    }
    if (lineLength > 0) {
      log.write(stream, true, line, 0, lineLength);
    }
    log.flush();
  }
}

package io.capstan.node.runtime.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Copies one output stream of a container into its {@link CriLogFile}, line by line: a line ends
 * at {@code \n} and becomes an {@code F} entry; a line longer than {@link #MAX_ENTRY_BYTES} is cut
 * into {@code P} entries of that size followed by an {@code F} entry with the rest, as containerd
 * cuts them. What is left when the stream ends is written as a complete line. The file is flushed
 * whenever the pump has consumed everything the container has written so far.
 *
 * <p>The stdout pump of a container also watches for the start prelude's {@link
 * LaunchCommands#STARTED_MARKER}: a first line equal to it is not logged but completes {@code
 * started}, which also completes when the stream ends (the prelude failed, or the container
 * exited before writing it).
 */
final class LogPump implements Runnable {

  /** containerd's default {@code max_container_log_line_size}. */
  static final int MAX_ENTRY_BYTES = 16 * 1024;

  private final InputStream in;
  private final String stream;
  private final CriLogFile log;
  private final CompletableFuture<Void> started;
  private final byte[] marker;

  LogPump(InputStream in, String stream, CriLogFile log) {
    this(in, stream, log, CompletableFuture.completedFuture(null));
  }

  LogPump(InputStream in, String stream, CriLogFile log, CompletableFuture<Void> started) {
    this.in = in;
    this.stream = stream;
    this.log = log;
    this.started = started;
    this.marker = LaunchCommands.STARTED_MARKER.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void run() {
    try (in) {
      pump();
    } catch (IOException e) {
      started.complete(null);
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
          if (!started.isDone()
              && Arrays.equals(line, 0, lineLength, marker, 0, marker.length)) {
            started.complete(null);
          } else {
            started.complete(null);
            log.write(stream, true, line, 0, lineLength);
          }
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
    started.complete(null);
    if (lineLength > 0) {
      log.write(stream, true, line, 0, lineLength);
    }
    log.flush();
  }
}

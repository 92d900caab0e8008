package io.capstan.node.logs;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * Where the last N whole lines of a rotated log begin. It scans forward keeping only the start
 * positions of the last N lines, so memory grows with N and not with the log; a line split into
 * partial entries counts once, from its first part, even when the parts straddle a rotation.
 */
final class TailStart {

  /** A place in the sequence of log files. */
  record FilePosition(int file, long offset) {}

  private TailStart() {}

  static FilePosition find(List<Path> files, long lines) throws IOException {
    ArrayDeque<FilePosition> starts = new ArrayDeque<>();
    FilePosition lineStart = null;
    FilePosition end = new FilePosition(files.size() - 1, 0);
    for (int i = 0; i < files.size(); i++) {
      boolean current = i == files.size() - 1;
      try (LineScanner scanner = LineScanner.open(files.get(i), 0)) {
        while (true) {
          Optional<byte[]> raw = scanner.nextLine();
          if (raw.isEmpty() && !current) {
            // A rotated file is complete: an unterminated last line is still a line.
            raw = scanner.remainder();
          }
          if (raw.isEmpty()) {
            break;
          }
          Optional<CriEntry> entry = CriEntry.parse(raw.get());
          if (entry.isEmpty()) {
            continue;
          }
          if (lineStart == null) {
            lineStart = new FilePosition(i, scanner.lastLineStart());
          }
          if (!entry.get().partial()) {
            remember(starts, lineStart, lines);
            lineStart = null;
          }
        }
        if (current) {
          end = new FilePosition(i, scanner.consumed());
        }
      } catch (NoSuchFileException e) {
        if (current) {
          throw e;
        }
      }
    }
    if (lineStart != null) {
      remember(starts, lineStart, lines);
    }
    if (lines == 0) {
      return end;
    }
    return starts.size() < lines ? new FilePosition(0, 0) : starts.getFirst();
  }

  private static void remember(ArrayDeque<FilePosition> starts, FilePosition start, long lines) {
    if (lines == 0) {
      return;
    }
    if (starts.size() == lines) {
      starts.removeFirst();
    }
    starts.addLast(start);
  }
}

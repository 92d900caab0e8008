package io.capstan.node.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A container's log as a sequence of files: the rotated siblings
 * ({@code <file>.<yyyyMMdd-HHmmss.SSS>}, oldest first, which name order gives) and then the
 * current file. Compressed rotations ({@code .gz}) are not read.
 */
final class LogFiles {

  private static final Pattern ROTATION_SUFFIX = Pattern.compile("\\d{8}-\\d{6}(\\.\\d{3})?");

  private LogFiles() {}

  static List<Path> inReadingOrder(Path current) throws IOException {
    Path dir = current.toAbsolutePath().getParent();
    String prefix = current.getFileName().toString() + ".";
    List<Path> files = new ArrayList<>();
    try (Stream<Path> siblings = Files.list(dir)) {
      siblings.filter(p -> {
        String name = p.getFileName().toString();
        return name.startsWith(prefix)
            && ROTATION_SUFFIX.matcher(name.substring(prefix.length())).matches();
      }).sorted().forEach(files::add);
    } catch (NoSuchFileException e) {
      // No directory: the current file is missing too, which reading it will report.
    }
    files.add(current);
    return files;
  }
}

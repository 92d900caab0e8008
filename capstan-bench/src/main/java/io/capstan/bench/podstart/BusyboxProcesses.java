package io.capstan.bench.podstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds live processes running one given busybox binary, from {@code /proc/<pid>/cmdline}, so the
 * scenario can check that deleting the pods and stopping the server left none behind. Matching
 * the absolute path of this checkout's busybox keeps other checkouts' test pods out of the count.
 */
final class BusyboxProcesses {

  private BusyboxProcesses() {}

  /** Process ids whose first command-line word is {@code busybox}. */
  static List<Long> running(Path busybox) {
    List<Long> pids = new ArrayList<>();
    try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path dir : proc) {
        if (firstWord(dir.resolve("cmdline")).equals(busybox.toString())) {
          pids.add(Long.parseLong(dir.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return pids;
  }

  static String firstWord(Path cmdline) {
    try {
      String text = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
      int end = text.indexOf('\0');
      return end < 0 ? text : text.substring(0, end);
    } catch (IOException e) {
      // The process ended between listing and reading.
      return "";
    }
  }
}

package io.capstan.node.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The two fields of {@code /proc/<pid>/stat} the runtime needs: the process group and the start
 * time (clock ticks since boot). A pid is only the same process as before when its start time is
 * the same too, since the kernel reuses pids.
 */
record ProcStat(long pid, char state, long processGroup, long startTime) {

  /** The process's stat, or empty when no such process exists (any more). */
  static Optional<ProcStat> read(long pid) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(parse(pid, stat));
  }

  /**
   * Parses a stat line. The command name (field 2) is in parentheses and may itself hold spaces
   * and parentheses, so the fields are counted from the last {@code ')'}: after it come state
   * (field 3), ppid, pgrp (field 5) ... starttime (field 22).
   */
  static ProcStat parse(long pid, String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    return new ProcStat(
        pid, fields[0].charAt(0), Long.parseLong(fields[5 - 3]), Long.parseLong(fields[22 - 3]));
  }

  /**
   * Whether {@code pid} is still the live process that started at {@code startTime}; a zombie
   * ({@code Z}) has exited already and only waits for its parent to reap it.
   */
  static boolean isSameProcess(long pid, long startTime) {
    return pid > 0
        && read(pid).filter(s -> s.startTime() == startTime && s.state() != 'Z').isPresent();
  }
}

package io.capstan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a figure was measured on, described once at start so every report quotes the same.
 *
 * @param cores processors available to the JVM
 * @param cpu the CPU model, "" when /proc/cpuinfo does not say
 * @param memoryBytes physical memory
 * @param jdk the running JDK's version and vendor
 * @param kernel the operating system and kernel release
 * @param loadAverage the 1-minute load average when the run began (other work on the machine)
 */
public record Machine(int cores, String cpu, long memoryBytes, String jdk, String kernel,
    String loadAverage) {

  public static Machine describe() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        procField("/proc/cpuinfo", "model name").orElse(""),
        procField("/proc/meminfo", "MemTotal")
            .map(kb -> Long.parseLong(kb.replaceAll("[^0-9]", "")) * 1024).orElse(0L),
        Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        firstWord(Path.of("/proc/loadavg")));
  }

  /** One line, e.g. "2 cores (AMD EPYC 7B13), 23.5 GiB, JDK 25+36 (Eclipse Adoptium), Linux 6.1". */
  public String summary() {
    return String.format(Locale.ROOT, "%d cores%s, %.1f GiB, JDK %s, %s", cores,
        cpu.isEmpty() ? "" : " (" + cpu + ")", memoryBytes / (1024.0 * 1024 * 1024), jdk, kernel);
  }

  /**
   * The paragraph every report opens with: when and on what it was measured, and the load the run
   * began with (saying so when the machine was busy, so the figures are read as rough).
   */
  public String measuredParagraph(String date) {
    return Prose.wrap(String.format(Locale.ROOT, "Measured %s on %s; 1-minute load average %s at"
        + " the start%s.", date, summary(), loadAverage, busy()
            ? " — other builds were running on the shared machine, so these figures are baselines"
            : ""));
  }

  /**
   * Whether other work kept the machine busy when the run began: a load average above half the
   * cores (or an unreadable one), so figures are to be read as rough.
   */
  public boolean busy() {
    try {
      return Double.parseDouble(loadAverage) > cores / 2.0;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static java.util.Optional<String> procField(String file, String key) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      return lines.stream().filter(line -> line.startsWith(key))
          .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst();
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  private static String firstWord(Path file) {
    try {
      return Files.readString(file).trim().split("\\s+")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}

package io.capstan.node.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the kubelet's cadvisor reports about the machine: identity (machine id, boot id, kernel,
 * OS image, architecture) and capacity (cpu, memory, pods, ephemeral storage of the data
 * directory's file system). Files that are missing (not Linux, a container without them) leave
 * their field empty rather than failing registration.
 */
record MachineInfo(
    String machineId,
    String bootId,
    String kernelVersion,
    String osImage,
    String operatingSystem,
    String architecture,
    Map<String, String> capacity) {

  static final int MAX_PODS = 110;

  MachineInfo {
    capacity = Map.copyOf(capacity);
  }

  static MachineInfo read(Path dataDir) {
    Map<String, String> capacity = new TreeMap<>();
    capacity.put("cpu", Integer.toString(Runtime.getRuntime().availableProcessors()));
    memoryKib(readFile(Path.of("/proc/meminfo")).orElse(""))
        .ifPresent(kib -> capacity.put("memory", kib + "Ki"));
    capacity.put("pods", Integer.toString(MAX_PODS));
    storageBytes(dataDir).ifPresent(bytes -> capacity.put("ephemeral-storage",
        Long.toString(bytes)));
    return new MachineInfo(
        firstLine(Path.of("/etc/machine-id")),
        firstLine(Path.of("/proc/sys/kernel/random/boot_id")),
        System.getProperty("os.version", ""),
        osImage(readFile(Path.of("/etc/os-release")).orElse("")),
        System.getProperty("os.name", "linux").toLowerCase(Locale.ROOT),
        architecture(System.getProperty("os.arch", "")),
        capacity);
  }

  /** {@code MemTotal} of {@code /proc/meminfo}, in KiB. */
  static Optional<Long> memoryKib(String meminfo) {
    for (String line : meminfo.lines().toList()) {
      if (line.startsWith("MemTotal:")) {
        String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
        try {
          return Optional.of(Long.parseLong(parts[0]));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** {@code PRETTY_NAME} of {@code /etc/os-release}, unquoted. */
  static String osImage(String osRelease) {
    for (String line : osRelease.lines().toList()) {
      if (line.startsWith("PRETTY_NAME=")) {
        String value = line.substring("PRETTY_NAME=".length()).trim();
        if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
          value = value.substring(1, value.length() - 1);
        }
        return value;
      }
    }
    return "";
  }

  /** Go's GOARCH names, which Kubernetes uses, for Java's {@code os.arch}. */
  static String architecture(String javaArch) {
    return switch (javaArch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      default -> javaArch;
    };
  }

  private static Optional<Long> storageBytes(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      return Optional.of(Files.getFileStore(dataDir).getTotalSpace());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String firstLine(Path file) {
    List<String> lines = readFile(file).map(String::lines).map(s -> s.toList()).orElse(List.of());
    return lines.isEmpty() ? "" : lines.getFirst().trim();
  }

  private static Optional<String> readFile(Path file) {
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}

package io.capstan.node.runtime.process;

/**
 * When a container's log file is rotated: once writing a line would take it past
 * {@code maxFileBytes}, and how many files (the current one included) are kept, as the kubelet's
 * {@code containerLogMaxSize} and {@code containerLogMaxFiles}.
 */
public record LogRotation(long maxFileBytes, int maxFiles) {

  /** The kubelet's defaults: 10 MiB, 5 files. */
  public static final LogRotation DEFAULT = new LogRotation(10L * 1024 * 1024, 5);

  public LogRotation {
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("maxFileBytes must be positive, got " + maxFileBytes);
    }
    if (maxFiles < 1) {
      throw new IllegalArgumentException("maxFiles must be at least 1, got " + maxFiles);
    }
  }
}

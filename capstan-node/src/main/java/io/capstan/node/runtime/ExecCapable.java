package io.capstan.node.runtime;

import java.time.Duration;
import java.util.List;

/**
 * A runtime that can run a command inside a running container and wait for it (CRI's ExecSync):
 * used by exec probes and exec lifecycle hooks. The command sees the container's environment,
 * working directory and mounts.
 */
public interface ExecCapable {

  /**
   * Runs {@code command} in the container; a command still running after {@code timeout} is
   * killed and reported with {@link ExecResult#timedOut()}.
   */
  ExecResult execSync(String containerId, List<String> command, Duration timeout)
      throws RuntimeFailure;

  /** Exit code and captured output (each stream capped by the runtime, as CRI caps them). */
  record ExecResult(int exitCode, byte[] stdout, byte[] stderr, boolean timedOut) {}
}

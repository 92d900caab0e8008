package io.capstan.node.probe;

import io.capstan.node.runtime.ExecCapable;
import io.capstan.node.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A runtime whose "containers" are this machine: the command runs as a real local process, its
 * output captured in temporary files, and is killed when the timeout passes.
 */
final class LocalShellExec implements ExecCapable {

  @Override
  public ExecResult execSync(String containerId, List<String> command, Duration timeout)
      throws RuntimeFailure {
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = Files.createTempFile("exec-out", ".txt");
      stderr = Files.createTempFile("exec-err", ".txt");
      Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile()).start();
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        process.destroyForcibly().waitFor();
      }
      return new ExecResult(exited ? process.exitValue() : -1, Files.readAllBytes(stdout),
          Files.readAllBytes(stderr), !exited);
    } catch (IOException e) {
      throw new RuntimeFailure("RunContainerError", "exec failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("RunContainerError", "interrupted", e);
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A leftover temp file does not change the result.
      }
    }
  }
}

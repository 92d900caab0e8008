package io.capstan.node.runtime.process;

import io.capstan.node.runtime.ExecCapable.ExecResult;
import io.capstan.node.runtime.RuntimeFailure;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one exec command to completion and captures its output, each stream capped at
 * {@link #OUTPUT_CAP} bytes as CRI caps ExecSync's output; the rest is read and dropped so that a
 * chatty command never blocks on a full pipe.
 */
final class ExecRunner {

  static final int OUTPUT_CAP = 16 * 1024 * 1024;

  private final ProcessSignals signals;
  private final boolean ownSession;

  ExecRunner(HostTools tools, ProcessSignals signals) {
    this.signals = signals;
    this.ownSession = tools.setsid.isPresent();
  }

  /** Runs {@code argv}; a non-positive {@code timeout} waits for as long as it takes. */
  ExecResult run(List<String> argv, Map<String, String> environment, Duration timeout)
      throws RuntimeFailure {
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .directory(new File("/"))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException | IllegalArgumentException e) {
      throw new RuntimeFailure("ExecError", "cannot run the exec command: " + e.getMessage(), e);
    }
    CompletableFuture<byte[]> stdout = capture(process.getInputStream());
    CompletableFuture<byte[]> stderr = capture(process.getErrorStream());
    boolean timedOut = false;
    try {
      if (timeout.isPositive()) {
        timedOut = !process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } else {
        process.waitFor();
      }
      if (timedOut) {
        signals.kill(process.pid(), ownSession ? process.pid() : 0);
        process.waitFor();
      }
      return new ExecResult(
          process.exitValue(), collected(stdout), collected(stderr), timedOut);
    } catch (InterruptedException e) {
      signals.kill(process.pid(), ownSession ? process.pid() : 0);
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("ExecError", "interrupted while waiting for the exec command", e);
    }
  }

  private static CompletableFuture<byte[]> capture(InputStream in) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("exec-output")
        .start(
            () -> {
              ByteArrayOutputStream kept = new ByteArrayOutputStream();
              byte[] buffer = new byte[8192];
              try (in) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                  int room = OUTPUT_CAP - kept.size();
                  kept.write(buffer, 0, Math.min(room, read));
                }
              } catch (IOException e) {
                // The command is gone; what was read is what there is.
              }
              result.complete(kept.toByteArray());
            });
    return result;
  }

  /**
   * The captured output; a process the command left behind in another session may hold the pipe
   * open, so the wait is bounded and whatever came by then is lost with it.
   */
  private static byte[] collected(CompletableFuture<byte[]> output) throws InterruptedException {
    try {
      return output.get(2, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return new byte[0];
    }
  }
}

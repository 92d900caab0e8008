package io.capstan.node.runtime.process;

import io.capstan.node.runtime.RuntimeFailure;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The live side of a running container: its process, and a future completed once the runtime has
 * recorded the exit (after the log pumps drained), which is what a stop waits for. A container
 * adopted after an agent restart has a process but no pipes.
 */
record ContainerProcess(ProcessHandle process, CompletableFuture<Void> recorded) {

  static ContainerProcess of(ProcessHandle process) {
    return new ContainerProcess(process, new CompletableFuture<>());
  }

  /** Whether the exit was recorded within {@code wait} (or the runtime was closed meanwhile). */
  boolean awaitRecorded(Duration wait) throws RuntimeFailure {
    try {
      recorded.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeFailure("StopContainerError", "interrupted while stopping a container", e);
    }
  }
}

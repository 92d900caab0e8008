package io.capstan.node.runtime.process;

import java.util.concurrent.CompletableFuture;

/**
 * The live side of a running container: its process, and a future completed once the runtime has
 * recorded the exit (after the log pumps drained), which is what a stop waits for. A container
 * adopted after an agent restart has a process but no pipes.
 */
record ContainerProcess(ProcessHandle process, CompletableFuture<Void> recorded) {

  static ContainerProcess of(ProcessHandle process) {
    return new ContainerProcess(process, new CompletableFuture<>());
  }
}

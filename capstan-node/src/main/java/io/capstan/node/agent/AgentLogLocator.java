package io.capstan.node.agent;

import io.capstan.node.logs.LogLocator;
import io.capstan.node.server.ContainerLiveness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds log files from the agent's records: the current file is the one of the container's
 * latest run ({@code <container>/<restartCount>.log}), the previous one the run before it; a
 * follow ends once the container no longer runs.
 */
final class AgentLogLocator implements LogLocator, ContainerLiveness {

  private final PodWorkers workers;

  AgentLogLocator(PodWorkers workers) {
    this.workers = workers;
  }

  @Override
  public Optional<Path> current(String namespace, String pod, String container) {
    return run(namespace, pod, container, 0);
  }

  @Override
  public Optional<Path> previous(String namespace, String pod, String container) {
    return run(namespace, pod, container, 1);
  }

  @Override
  public boolean isRunning(String namespace, String pod, String container) {
    return workers.find(namespace, pod).map(record -> record.container(container))
        .filter(run -> run != null && run.running.isPresent()).isPresent();
  }

  private Optional<Path> run(String namespace, String pod, String container, int back) {
    return workers.find(namespace, pod).flatMap(record -> {
      ContainerRecord run = record.container(container);
      if (run == null || !run.everStarted || run.attempt - back < 0) {
        return Optional.empty();
      }
      return Optional.of(record.logFile(container, run.attempt - back)).filter(Files::exists);
    });
  }
}

package io.capstan.node.probe;

/**
 * Runs the probe workers of running containers. Until a container's startup probe succeeds, its
 * liveness and readiness probes do not run; a container without a readiness probe is ready as soon
 * as it started (the agent decides that, no result is reported for absent probes).
 */
public interface ProbeManager extends AutoCloseable {

  /** Starts workers for the container's probes; a second call for the same container id is a no-op. */
  void add(ProbeTarget target);

  /** Stops the workers of a container that exited or is being stopped. */
  void remove(String containerId);

  @Override
  void close();
}

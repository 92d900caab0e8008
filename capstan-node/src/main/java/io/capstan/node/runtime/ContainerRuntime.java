package io.capstan.node.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs pod sandboxes and their containers on this node. Implementations are thread-safe; every
 * call is idempotent where CRI's is (stopping a stopped container, removing a removed one). After
 * a restart of the agent the runtime reports what it still knows from before through
 * {@link #listSandboxes()} and {@link #listContainers()}, so the agent can adopt or clean up.
 */
public interface ContainerRuntime extends AutoCloseable {

  /** The runtime's name and version, as reported in the Node's {@code containerRuntimeVersion}. */
  RuntimeVersion version();

  /** Creates and starts a pod's sandbox; returns its id. */
  String runSandbox(SandboxConfig config) throws RuntimeFailure;

  /** Stops every container of the sandbox (killing what remains) and releases its network. */
  void stopSandbox(String sandboxId) throws RuntimeFailure;

  /** Removes a stopped sandbox and everything the runtime keeps for it. */
  void removeSandbox(String sandboxId) throws RuntimeFailure;

  Optional<SandboxStatus> sandboxStatus(String sandboxId) throws RuntimeFailure;

  List<SandboxStatus> listSandboxes() throws RuntimeFailure;

  /** Creates a container in a sandbox without starting it; returns its id. */
  String createContainer(String sandboxId, ContainerConfig config) throws RuntimeFailure;

  void startContainer(String containerId) throws RuntimeFailure;

  /**
   * Stops a running container: SIGTERM (or the image's stop signal), then SIGKILL once
   * {@code gracePeriod} has passed. Returns when the container has exited.
   */
  void stopContainer(String containerId, Duration gracePeriod) throws RuntimeFailure;

  void removeContainer(String containerId) throws RuntimeFailure;

  Optional<ContainerStatus> containerStatus(String containerId) throws RuntimeFailure;

  /** Every container the runtime knows, in every sandbox. */
  List<ContainerStatus> listContainers() throws RuntimeFailure;

  /**
   * Whether the runtime gives each sandbox its address (a CNI network, as containerd does), which
   * its status then reports; otherwise the agent allocates one and passes it in
   * {@link SandboxConfig#podIp()}.
   */
  default boolean assignsPodAddresses() {
    return false;
  }

  /**
   * Whether containers keep running, with their logs, when the agent stops, so that a restarted
   * agent adopts them as they are (containerd); otherwise the agent stops what a previous run
   * left and starts the pods again.
   */
  default boolean containersOutliveAgent() {
    return false;
  }

  /** Stops what the runtime itself runs (threads, connections); containers keep running. */
  @Override
  void close();
}

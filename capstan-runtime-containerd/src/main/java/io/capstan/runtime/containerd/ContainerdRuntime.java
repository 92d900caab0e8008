package io.capstan.runtime.containerd;

import io.capstan.node.runtime.ContainerConfig;
import io.capstan.node.runtime.ContainerRuntime;
import io.capstan.node.runtime.ContainerStatus;
import io.capstan.node.runtime.ExecCapable;
import io.capstan.node.runtime.ImageCapable;
import io.capstan.node.runtime.RuntimeFailure;
import io.capstan.node.runtime.RuntimeVersion;
import io.capstan.node.runtime.SandboxConfig;
import io.capstan.node.runtime.SandboxStatus;
import io.capstan.runtime.containerd.cri.ExecSyncResponse;
import io.capstan.runtime.containerd.cri.Image;
import io.capstan.runtime.containerd.cri.PodSandboxConfig;
import io.capstan.runtime.containerd.cri.VersionResponse;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs pods as containers through containerd's CRI plugin, one CRI call per SPI call. containerd
 * keeps all state, so a runtime opened after an agent restart sees every sandbox and container the
 * previous one created (they carry the {@link CriMapping#MANAGED_LABEL} label, which also keeps
 * other users of the same containerd out of Capstan's view). containerd writes the container logs
 * itself, in CRI's log format, to the sandbox's log directory joined with the container's log path.
 *
 * <p>Images must be on the node before a container is created from them; {@link #ensureImage}
 * applies a pull policy. The sandbox (pause) image is containerd's own configuration. Pod
 * addresses come from containerd's CNI network, and containers outlive the agent (containerd
 * writes their logs), so a restarted agent adopts them.
 */
public final class ContainerdRuntime implements ContainerRuntime, ExecCapable, ImageCapable {

  private final CriClient cri;
  private final RuntimeVersion version;
  /** Sandbox configs by id, for CreateContainer; rebuilt from the sandbox's status when missing. */
  private final Map<String, PodSandboxConfig> sandboxConfigs = new ConcurrentHashMap<>();

  private ContainerdRuntime(CriClient cri, RuntimeVersion version) {
    this.cri = cri;
    this.version = version;
  }

  /** Connects to containerd's CRI socket and checks that it answers. */
  public static ContainerdRuntime open(Path socket) throws RuntimeFailure {
    return open(CriClient.connect(socket));
  }

  /** Takes over {@code cri}, closing it with the runtime. */
  public static ContainerdRuntime open(CriClient cri) throws RuntimeFailure {
    try {
      VersionResponse response = cri.version();
      return new ContainerdRuntime(cri, new RuntimeVersion(response.getRuntimeName(), response.getRuntimeVersion()));
    } catch (RuntimeFailure e) {
      cri.close();
      throw e;
    }
  }

  public CriClient cri() {
    return cri;
  }

  @Override
  public RuntimeVersion version() {
    return version;
  }

  @Override
  public boolean assignsPodAddresses() {
    return true;
  }

  @Override
  public boolean containersOutliveAgent() {
    return true;
  }

  @Override
  public String runSandbox(SandboxConfig config) throws RuntimeFailure {
    try {
      // containerd creates each container's log file but not the pod's directory holding them.
      Files.createDirectories(config.logDirectory());
    } catch (IOException e) {
      throw new RuntimeFailure("CreatePodSandboxError",
          "cannot create the log directory " + config.logDirectory() + ": " + e.getMessage(), e);
    }
    PodSandboxConfig criConfig = CriMapping.sandboxConfig(config);
    String id = cri.runPodSandbox(criConfig);
    sandboxConfigs.put(id, criConfig);
    return id;
  }

  @Override
  public void stopSandbox(String sandboxId) throws RuntimeFailure {
    cri.stopPodSandbox(sandboxId);
  }

  @Override
  public void removeSandbox(String sandboxId) throws RuntimeFailure {
    // CRI removes a running sandbox too, killing its containers; kubelet stops first, so do we.
    cri.stopPodSandbox(sandboxId);
    cri.removePodSandbox(sandboxId);
    sandboxConfigs.remove(sandboxId);
  }

  @Override
  public Optional<SandboxStatus> sandboxStatus(String sandboxId) throws RuntimeFailure {
    return cri.podSandboxStatus(sandboxId).map(CriMapping::sandboxStatus);
  }

  @Override
  public List<SandboxStatus> listSandboxes() throws RuntimeFailure {
    List<SandboxStatus> sandboxes = new ArrayList<>();
    for (var sandbox : cri.listPodSandbox(CriMapping.MANAGED)) {
      // The list entry has no pod IP; the status has.
      sandboxStatus(sandbox.getId()).ifPresent(sandboxes::add);
    }
    return sandboxes;
  }

  @Override
  public String createContainer(String sandboxId, ContainerConfig config) throws RuntimeFailure {
    PodSandboxConfig sandboxConfig = sandboxConfigs.get(sandboxId);
    if (sandboxConfig == null) {
      var status = cri.podSandboxStatus(sandboxId).orElseThrow(() -> new RuntimeFailure(
          "CreateContainerError", "sandbox " + sandboxId + " does not exist"));
      sandboxConfig = CriMapping.sandboxConfig(status);
      sandboxConfigs.put(sandboxId, sandboxConfig);
    }
    return cri.createContainer(sandboxId, CriMapping.containerConfig(sandboxId, config), sandboxConfig);
  }

  @Override
  public void startContainer(String containerId) throws RuntimeFailure {
    cri.startContainer(containerId);
  }

  @Override
  public void stopContainer(String containerId, Duration gracePeriod) throws RuntimeFailure {
    cri.stopContainer(containerId, wholeSeconds(gracePeriod));
  }

  @Override
  public void removeContainer(String containerId) throws RuntimeFailure {
    cri.removeContainer(containerId);
  }

  @Override
  public Optional<ContainerStatus> containerStatus(String containerId) throws RuntimeFailure {
    return cri.containerStatus(containerId).map(CriMapping::containerStatus);
  }

  @Override
  public List<ContainerStatus> listContainers() throws RuntimeFailure {
    List<ContainerStatus> containers = new ArrayList<>();
    for (var container : cri.listContainers(CriMapping.MANAGED)) {
      // The list entry lacks start and finish times and exit codes; the status has them.
      containerStatus(container.getId()).ifPresent(containers::add);
    }
    return containers;
  }

  /**
   * containerd kills the command at the timeout (CRI's is in whole seconds, so it is rounded up)
   * and answers with an error rather than the output so far: a timed-out result has no output.
   */
  @Override
  public ExecResult execSync(String containerId, List<String> command, Duration timeout) throws RuntimeFailure {
    try {
      ExecSyncResponse response = cri.execSync(containerId, command, wholeSeconds(timeout));
      return new ExecResult(
          response.getExitCode(), response.getStdout().toByteArray(), response.getStderr().toByteArray(), false);
    } catch (CriClient.CriCallFailure e) {
      if (isTimeout(e)) {
        return new ExecResult(-1, new byte[0], new byte[0], true);
      }
      throw e;
    }
  }

  @Override
  public PulledImage ensureImage(String image, String pullPolicy) throws RuntimeFailure {
    PullPolicy policy = PullPolicy.fromKubernetes(pullPolicy);
    if (policy != PullPolicy.ALWAYS) {
      Optional<Image> present = cri.imageStatus(image);
      if (present.isPresent()) {
        return new PulledImage(present.get().getId(), false);
      }
    }
    return new PulledImage(ensureImage(image, policy), true);
  }

  /**
   * Makes sure {@code image} is on the node as {@code policy} asks; returns the image's id.
   * Failures carry the reasons kubelet shows: {@code ErrImagePull}, {@code ErrImageNeverPull}.
   */
  public String ensureImage(String image, PullPolicy policy) throws RuntimeFailure {
    if (policy != PullPolicy.ALWAYS) {
      Optional<Image> present = cri.imageStatus(image);
      if (present.isPresent()) {
        return present.get().getId();
      }
      if (policy == PullPolicy.NEVER) {
        throw new RuntimeFailure("ErrImageNeverPull",
            "Container image \"" + image + "\" is not present with pull policy of Never");
      }
    }
    try {
      return cri.pullImage(image);
    } catch (RuntimeFailure e) {
      throw new RuntimeFailure("ErrImagePull",
          "Failed to pull image \"" + image + "\": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    cri.close();
  }

  /** CRI takes whole seconds; rounding up never cuts a grace period or timeout short. */
  static long wholeSeconds(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return 0;
    }
    long seconds = duration.getSeconds();
    return duration.getNano() > 0 ? seconds + 1 : seconds;
  }

  private static boolean isTimeout(CriClient.CriCallFailure e) {
    if (e.code() == Status.Code.DEADLINE_EXCEEDED) {
      return true;
    }
    String message = String.valueOf(e.getMessage());
    return message.contains("timeout") && message.contains("exceeded");
  }
}

package io.capstan.runtime.containerd;

import io.capstan.node.runtime.ContainerConfig;
import io.capstan.node.runtime.ContainerState;
import io.capstan.node.runtime.ContainerStatus;
import io.capstan.node.runtime.PodRef;
import io.capstan.node.runtime.SandboxConfig;
import io.capstan.node.runtime.SandboxStatus;
import io.capstan.runtime.containerd.cri.ContainerMetadata;
import io.capstan.runtime.containerd.cri.ImageSpec;
import io.capstan.runtime.containerd.cri.KeyValue;
import io.capstan.runtime.containerd.cri.LinuxContainerConfig;
import io.capstan.runtime.containerd.cri.LinuxContainerSecurityContext;
import io.capstan.runtime.containerd.cri.LinuxPodSandboxConfig;
import io.capstan.runtime.containerd.cri.LinuxSandboxSecurityContext;
import io.capstan.runtime.containerd.cri.Mount;
import io.capstan.runtime.containerd.cri.NamespaceMode;
import io.capstan.runtime.containerd.cri.NamespaceOption;
import io.capstan.runtime.containerd.cri.PodSandboxConfig;
import io.capstan.runtime.containerd.cri.PodSandboxMetadata;
import io.capstan.runtime.containerd.cri.PodSandboxState;
import io.capstan.runtime.containerd.cri.PortMapping;
import io.capstan.runtime.containerd.cri.Protocol;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Translates between Capstan's runtime SPI and CRI messages. What CRI's status messages do not
 * carry back (the sandbox of a container, the image as the agent named it, the sandbox's log
 * directory and host name) travels in annotations under {@link #PREFIX}; they are stripped again
 * before the agent sees labels and annotations, so it gets back exactly what it set.
 */
final class CriMapping {

  static final String PREFIX = "io.capstan.runtime/";
  /** Marks what this runtime created, so a shared containerd's other pods are left alone. */
  static final String MANAGED_LABEL = PREFIX + "managed";
  static final Map<String, String> MANAGED = Map.of(MANAGED_LABEL, "true");

  private static final String SANDBOX_ID = PREFIX + "sandbox-id";
  private static final String IMAGE = PREFIX + "image";
  private static final String LOG_DIRECTORY = PREFIX + "log-directory";
  private static final String HOSTNAME = PREFIX + "hostname";

  /**
   * Each container gets its own PID namespace (kubelet's choice for a pod without
   * {@code shareProcessNamespace}); network and IPC are the pod's.
   */
  private static final NamespaceOption CONTAINER_NAMESPACES = NamespaceOption.newBuilder()
      .setNetwork(NamespaceMode.POD).setPid(NamespaceMode.CONTAINER).setIpc(NamespaceMode.POD).build();

  private CriMapping() {}

  static PodSandboxConfig sandboxConfig(SandboxConfig config) {
    PodRef pod = config.pod();
    var builder = PodSandboxConfig.newBuilder()
        .setMetadata(PodSandboxMetadata.newBuilder()
            .setName(pod.name()).setNamespace(pod.namespace()).setUid(pod.uid()).setAttempt(pod.attempt()))
        .setHostname(config.hostname())
        .setLogDirectory(config.logDirectory().toAbsolutePath().toString())
        .putAllLabels(config.labels())
        .putAllLabels(MANAGED)
        .putAllAnnotations(config.annotations())
        .putAnnotations(LOG_DIRECTORY, config.logDirectory().toAbsolutePath().toString())
        .putAnnotations(HOSTNAME, config.hostname())
        .setLinux(LinuxPodSandboxConfig.newBuilder().setSecurityContext(
            LinuxSandboxSecurityContext.newBuilder().setNamespaceOptions(CONTAINER_NAMESPACES)));
    for (SandboxConfig.PortMapping port : config.portMappings()) {
      builder.addPortMappings(PortMapping.newBuilder()
          .setProtocol(protocol(port.protocol()))
          .setContainerPort(port.containerPort())
          .setHostPort(port.hostPort())
          .setHostIp(port.hostIp() == null ? "" : port.hostIp()));
    }
    return builder.build();
  }

  /**
   * The sandbox config a runtime restarted since the sandbox's creation hands to CreateContainer,
   * rebuilt from the sandbox's status; port mappings are not needed there and are left out.
   */
  static PodSandboxConfig sandboxConfig(io.capstan.runtime.containerd.cri.PodSandboxStatus status) {
    Map<String, String> annotations = status.getAnnotationsMap();
    return PodSandboxConfig.newBuilder()
        .setMetadata(status.getMetadata())
        .setHostname(annotations.getOrDefault(HOSTNAME, ""))
        .setLogDirectory(annotations.getOrDefault(LOG_DIRECTORY, ""))
        .putAllLabels(status.getLabelsMap())
        .putAllAnnotations(annotations)
        .setLinux(LinuxPodSandboxConfig.newBuilder().setSecurityContext(
            LinuxSandboxSecurityContext.newBuilder().setNamespaceOptions(CONTAINER_NAMESPACES)))
        .build();
  }

  static io.capstan.runtime.containerd.cri.ContainerConfig containerConfig(String sandboxId, ContainerConfig config) {
    var builder = io.capstan.runtime.containerd.cri.ContainerConfig.newBuilder()
        .setMetadata(ContainerMetadata.newBuilder().setName(config.name()).setAttempt(config.attempt()))
        .setImage(ImageSpec.newBuilder().setImage(config.image()))
        .addAllCommand(config.command())
        .addAllArgs(config.args())
        .setWorkingDir(config.workingDir() == null ? "" : config.workingDir())
        .setLogPath(config.logPath().toString())
        .putAllLabels(config.labels())
        .putAllLabels(MANAGED)
        .putAllAnnotations(config.annotations())
        .putAnnotations(SANDBOX_ID, sandboxId)
        .putAnnotations(IMAGE, config.image())
        .setLinux(LinuxContainerConfig.newBuilder().setSecurityContext(
            LinuxContainerSecurityContext.newBuilder().setNamespaceOptions(CONTAINER_NAMESPACES)));
    for (ContainerConfig.EnvVar env : config.env()) {
      builder.addEnvs(KeyValue.newBuilder().setKey(env.name()).setValue(env.value()));
    }
    for (ContainerConfig.Mount mount : config.mounts()) {
      builder.addMounts(Mount.newBuilder()
          .setContainerPath(mount.containerPath())
          .setHostPath(mount.hostPath().toAbsolutePath().toString())
          .setReadonly(mount.readOnly()));
    }
    return builder.build();
  }

  static SandboxStatus sandboxStatus(io.capstan.runtime.containerd.cri.PodSandboxStatus status) {
    PodSandboxMetadata metadata = status.getMetadata();
    return new SandboxStatus(
        status.getId(),
        new PodRef(metadata.getNamespace(), metadata.getName(), metadata.getUid(), metadata.getAttempt()),
        status.getState() == PodSandboxState.SANDBOX_READY
            ? SandboxStatus.State.READY : SandboxStatus.State.NOTREADY,
        instant(status.getCreatedAt()).orElse(Instant.EPOCH),
        status.getNetwork().getIp(),
        own(status.getLabelsMap()),
        own(status.getAnnotationsMap()));
  }

  static ContainerStatus containerStatus(io.capstan.runtime.containerd.cri.ContainerStatus status) {
    Map<String, String> annotations = status.getAnnotationsMap();
    return new ContainerStatus(
        status.getId(),
        annotations.getOrDefault(SANDBOX_ID, ""),
        status.getMetadata().getName(),
        status.getMetadata().getAttempt(),
        state(status.getState()),
        instant(status.getCreatedAt()).orElse(Instant.EPOCH),
        instant(status.getStartedAt()),
        instant(status.getFinishedAt()),
        status.getExitCode(),
        status.getReason(),
        status.getMessage(),
        annotations.getOrDefault(IMAGE, status.getImage().getImage()),
        Path.of(status.getLogPath()),
        own(status.getLabelsMap()),
        own(annotations));
  }

  static ContainerState state(io.capstan.runtime.containerd.cri.ContainerState state) {
    return switch (state) {
      case CONTAINER_CREATED -> ContainerState.CREATED;
      case CONTAINER_RUNNING -> ContainerState.RUNNING;
      case CONTAINER_EXITED -> ContainerState.EXITED;
      default -> ContainerState.UNKNOWN;
    };
  }

  /** CRI times are nanoseconds since the epoch, 0 for "not yet". */
  static Optional<Instant> instant(long nanos) {
    if (nanos <= 0) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond(0, nanos));
  }

  /** The agent's own labels or annotations: this runtime's bookkeeping removed. */
  static Map<String, String> own(Map<String, String> values) {
    Map<String, String> own = new HashMap<>(values);
    own.keySet().removeIf(key -> key.startsWith(PREFIX));
    return own;
  }

  private static Protocol protocol(String name) {
    if (name == null) {
      return Protocol.TCP;
    }
    return switch (name) {
      case "UDP" -> Protocol.UDP;
      case "SCTP" -> Protocol.SCTP;
      default -> Protocol.TCP;
    };
  }
}

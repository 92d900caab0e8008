package io.capstan.node.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a runtime needs to create a pod's sandbox (CRI's PodSandboxConfig, the part Capstan
 * uses). {@code podIp} is chosen by the agent's network plugin; a runtime that manages its own
 * network reports the address it used in {@link SandboxStatus#podIp()} instead. {@code logDirectory}
 * holds the containers' log files.
 */
public record SandboxConfig(
    PodRef pod,
    String hostname,
    String podIp,
    Path logDirectory,
    List<PortMapping> portMappings,
    Map<String, String> labels,
    Map<String, String> annotations) {

  public SandboxConfig {
    portMappings = List.copyOf(portMappings);
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  /** A container port, optionally published on the host (CRI's PortMapping). */
  public record PortMapping(String protocol, int containerPort, int hostPort, String hostIp) {}
}

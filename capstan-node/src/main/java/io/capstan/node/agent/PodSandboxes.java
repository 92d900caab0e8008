package io.capstan.node.agent;

import io.capstan.node.runtime.PodRef;
import io.capstan.node.runtime.SandboxConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sandbox a pod runs in: its identity, address, log directory and published ports. */
final class PodSandboxes {

  private PodSandboxes() {}

  static SandboxConfig config(PodRecord record, Pod pod, String ip) {
    String hostname = pod.getSpec().getHostname() != null ? pod.getSpec().getHostname()
        : record.name;
    List<SandboxConfig.PortMapping> ports = new ArrayList<>();
    for (Container container : pod.getSpec().getContainers()) {
      if (container.getPorts() == null) {
        continue;
      }
      for (ContainerPort port : container.getPorts()) {
        if (port.getHostPort() != null && port.getHostPort() > 0) {
          ports.add(new SandboxConfig.PortMapping(
              port.getProtocol() == null ? "TCP" : port.getProtocol(),
              port.getContainerPort(), port.getHostPort(),
              port.getHostIP() == null ? "" : port.getHostIP()));
        }
      }
    }
    return new SandboxConfig(new PodRef(record.namespace, record.name, record.uid,
        record.sandboxAttempt), hostname, ip, record.logDirectory, ports,
        Map.of(PodSync.UID_LABEL, record.uid, PodSync.NAME_LABEL, record.name,
            PodSync.NAMESPACE_LABEL, record.namespace), Map.of());
  }
}

package io.capstan.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code podutil.FindPort}: the pod port a service port sends traffic to. A numeric targetPort is used as is; a named
 * one is looked up among the ports of the pod's containers (and of its sidecars, the init containers with restartPolicy
 * Always) with the same name and protocol, and a pod lacking it has no endpoint for that service port.
 */
public final class ServicePorts {
  private ServicePorts() {}

  public static Optional<Integer> findPort(Pod pod, ServicePort servicePort) {
    IntOrString target = servicePort.getTargetPort();
    if (target == null || (target.getIntVal() == null && target.getStrVal() == null)) {
      // The API server defaults targetPort to port; an object that skipped defaulting means the same.
      return Optional.ofNullable(servicePort.getPort());
    }
    if (target.getIntVal() != null) {
      return Optional.of(target.getIntVal());
    }
    String name = target.getStrVal();
    String protocol = protocol(servicePort);
    for (Container container : containersWithPorts(pod)) {
      for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
        String portProtocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
        if (name.equals(port.getName()) && protocol.equals(portProtocol)) {
          return Optional.ofNullable(port.getContainerPort());
        }
      }
    }
    return Optional.empty();
  }

  /** The service port's protocol, TCP when unset. */
  public static String protocol(ServicePort servicePort) {
    return servicePort.getProtocol() == null ? "TCP" : servicePort.getProtocol();
  }

  /** The service port's name, empty when unset. */
  public static String name(ServicePort servicePort) {
    return servicePort.getName() == null ? "" : servicePort.getName();
  }

  private static List<Container> containersWithPorts(Pod pod) {
    List<Container> containers = new ArrayList<>();
    if (pod.getSpec() == null) {
      return containers;
    }
    if (pod.getSpec().getContainers() != null) {
      containers.addAll(pod.getSpec().getContainers());
    }
    if (pod.getSpec().getInitContainers() != null) {
      pod.getSpec().getInitContainers().stream().filter(c -> "Always".equals(c.getRestartPolicy()))
          .forEach(containers::add);
    }
    return containers;
  }
}

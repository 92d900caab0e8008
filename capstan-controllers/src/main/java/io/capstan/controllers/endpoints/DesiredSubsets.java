package io.capstan.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The subsets {@code syncService} computes for a Service from its selected pods: one single-address subset per pod and
 * resolvable service port (ready pods, or every pod under {@code publishNotReadyAddresses}, as addresses, the rest as
 * not-ready addresses; a headless Service without ports lists the pod with no ports), repacked.
 */
public final class DesiredSubsets {
  private DesiredSubsets() {}

  public static List<EndpointSubset> of(Service service, List<Pod> pods) {
    boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
    List<ServicePort> servicePorts = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
    List<EndpointSubset> subsets = new ArrayList<>();
    for (Pod pod : pods) {
      if (!PodEndpoints.shouldPodBeInEndpoints(pod, publishNotReady)) {
        continue;
      }
      Optional<EndpointAddress> address = address(service, pod);
      if (address.isEmpty()) {
        continue; // no IP of the Service's family, as on a node that is not dual-stack
      }
      boolean ready = publishNotReady || PodEndpoints.isReady(pod);
      if (servicePorts.isEmpty()) {
        if (!PodEndpoints.isServiceIpSet(service)) {
          subsets.add(subset(address.get(), Optional.empty(), ready));
        }
        continue;
      }
      for (ServicePort servicePort : servicePorts) {
        ServicePorts.findPort(pod, servicePort)
            .ifPresent(number -> subsets.add(subset(address.get(), Optional.of(port(servicePort, number)), ready)));
      }
    }
    return Subsets.repack(subsets);
  }

  /**
   * {@code podToEndpointAddressForService}. Upstream always sets {@code nodeName} (to "" for an unbound pod, which the
   * API then rejects); it is set here only for a bound pod.
   */
  public static Optional<EndpointAddress> address(Service service, Pod pod) {
    return PodEndpoints.ipForService(service, pod).map(ip -> new EndpointAddressBuilder()
        .withIp(ip)
        .withNodeName(PodEndpoints.nodeName(pod).orElse(null))
        .withHostname(PodEndpoints.hostname(pod, service).orElse(null))
        .withTargetRef(PodEndpoints.targetRef(pod))
        .build());
  }

  /** {@code endpointPortFromServicePort}. */
  public static EndpointPort port(ServicePort servicePort, int number) {
    return new EndpointPortBuilder().withName(servicePort.getName()).withPort(number)
        .withProtocol(ServicePorts.protocol(servicePort)).withAppProtocol(servicePort.getAppProtocol()).build();
  }

  private static EndpointSubset subset(EndpointAddress address, Optional<EndpointPort> port, boolean ready) {
    EndpointSubsetBuilder builder = new EndpointSubsetBuilder();
    if (ready) {
      builder.withAddresses(address);
    } else {
      builder.withNotReadyAddresses(address);
    }
    port.ifPresent(builder::withPorts);
    return builder.build();
  }
}

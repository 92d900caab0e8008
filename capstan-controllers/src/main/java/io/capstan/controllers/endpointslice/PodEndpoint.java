package io.capstan.controllers.endpointslice;

import io.capstan.controllers.endpoints.PodEndpoints;
import io.capstan.controllers.endpoints.ServicePorts;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code podToEndpoint} and {@code getEndpointPorts}: a pod as an EndpointSlice endpoint. {@code serving} is the pod's
 * readiness, {@code terminating} its deletion mark, and {@code ready} is serving and not terminating, or always true
 * under {@code publishNotReadyAddresses}.
 */
public final class PodEndpoint {
  private PodEndpoint() {}

  public record Conditions(boolean ready, boolean serving, boolean terminating) {
    public static Conditions of(Pod pod, boolean publishNotReadyAddresses) {
      boolean serving = PodEndpoints.isReady(pod);
      boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
      return new Conditions(publishNotReadyAddresses || (serving && !terminating), serving, terminating);
    }
  }

  public static Endpoint of(Pod pod, Optional<Node> node, Service service, String addressType) {
    Conditions conditions = Conditions.of(pod, Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses()));
    Optional<String> zone = node.map(n -> n.getMetadata().getLabels())
        .map(labels -> labels.get(SliceLabels.ZONE)).filter(z -> !z.isEmpty());
    return new EndpointBuilder()
        .withAddresses(new ArrayList<>(PodEndpoints.ipsOfFamily(pod, addressType)))
        .withNewConditions().withReady(conditions.ready()).withServing(conditions.serving())
        .withTerminating(conditions.terminating()).endConditions()
        .withTargetRef(PodEndpoints.targetRef(pod))
        .withNodeName(PodEndpoints.nodeName(pod).orElse(null))
        .withZone(zone.orElse(null))
        .withHostname(PodEndpoints.hostname(pod, service).orElse(null))
        .build();
  }

  /** The ports of the service ports the pod resolves; none for a headless Service without ports. */
  public static List<EndpointPort> ports(Service service, Pod pod) {
    List<EndpointPort> ports = new ArrayList<>();
    for (ServicePort servicePort : service.getSpec().getPorts() == null ? List.<ServicePort>of()
        : service.getSpec().getPorts()) {
      ServicePorts.findPort(pod, servicePort).ifPresent(number -> ports.add(new EndpointPortBuilder()
          .withName(ServicePorts.name(servicePort)).withPort(number).withProtocol(ServicePorts.protocol(servicePort))
          .withAppProtocol(servicePort.getAppProtocol()).build()));
    }
    return ports;
  }

  /**
   * {@code getAddressTypesForService}: the Service's IP families, else its cluster IP's family. Upstream assumes both
   * families for a headless Service whose families were never defaulted; Capstan is single-stack, so IPv4 is assumed.
   */
  public static Set<String> addressTypes(Service service) {
    Set<String> types = new LinkedHashSet<>();
    if (service.getSpec().getIpFamilies() != null) {
      service.getSpec().getIpFamilies().stream()
          .filter(f -> PodEndpoints.IPV4.equals(f) || PodEndpoints.IPV6.equals(f)).forEach(types::add);
    }
    if (types.isEmpty()) {
      types.add(PodEndpoints.isServiceIpSet(service) ? PodEndpoints.familyOf(service.getSpec().getClusterIP())
          : PodEndpoints.IPV4);
    }
    return types;
  }
}

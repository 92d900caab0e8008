package io.capstan.controllers.endpoints;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which pods back a Service and with which address: {@code ShouldPodBeInEndpoints}, {@code IsPodReady}, the IP family
 * choice of {@code podToEndpointAddressForService} and {@code ShouldSetHostname}, as pure functions of the objects.
 */
public final class PodEndpoints {
  public static final String IPV4 = "IPv4";
  public static final String IPV6 = "IPv6";
  public static final String CLUSTER_IP_NONE = "None";

  private PodEndpoints() {}

  /**
   * A pod is listed when it is not terminal, has an IP, and is not terminating unless terminating pods are wanted
   * (the Endpoints controller passes {@code publishNotReadyAddresses}, the EndpointSlice controller always true).
   */
  public static boolean shouldPodBeInEndpoints(Pod pod, boolean includeTerminating) {
    if (isTerminal(pod) || ips(pod).isEmpty()) {
      return false;
    }
    return includeTerminating || pod.getMetadata().getDeletionTimestamp() == null;
  }

  public static boolean isTerminal(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** The pod's Ready condition is True. */
  public static boolean isReady(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * {@code status.podIPs}, or {@code status.podIP} alone when the list is empty (upstream reads only the list, which
   * the kubelet always fills; a client that writes only {@code podIP} still gets its pod listed here).
   */
  public static List<String> ips(Pod pod) {
    if (pod.getStatus() == null) {
      return List.of();
    }
    List<String> ips = new ArrayList<>();
    if (pod.getStatus().getPodIPs() != null) {
      for (PodIP ip : pod.getStatus().getPodIPs()) {
        if (ip.getIp() != null && !ip.getIp().isEmpty()) {
          ips.add(ip.getIp());
        }
      }
    }
    String single = pod.getStatus().getPodIP();
    if (ips.isEmpty() && single != null && !single.isEmpty()) {
      ips.add(single);
    }
    return ips;
  }

  public static String familyOf(String ip) {
    return ip.contains(":") ? IPV6 : IPV4;
  }

  /** The pod IPs of one family, in the pod's order. */
  public static List<String> ipsOfFamily(Pod pod, String family) {
    return ips(pod).stream().filter(ip -> familyOf(ip).equals(family)).toList();
  }

  /**
   * {@code podToEndpointAddressForService}'s family: the Service's first IP family, else its cluster IP's, else (a
   * headless Service on a server that did not default families) the pod's primary IP's.
   */
  public static Optional<String> ipForService(Service service, Pod pod) {
    List<String> families = service.getSpec().getIpFamilies();
    String family;
    if (families != null && !families.isEmpty()) {
      family = families.getFirst();
    } else if (isServiceIpSet(service)) {
      family = familyOf(service.getSpec().getClusterIP());
    } else {
      family = ips(pod).stream().findFirst().map(PodEndpoints::familyOf).orElse(IPV4);
    }
    return ipsOfFamily(pod, family).stream().findFirst();
  }

  /** A cluster IP other than {@code None} is allocated; otherwise the Service is headless. */
  public static boolean isServiceIpSet(Service service) {
    String ip = service.getSpec().getClusterIP();
    return ip != null && !ip.isEmpty() && !CLUSTER_IP_NONE.equals(ip);
  }

  /** The pod asked for a hostname under this Service's subdomain. */
  public static Optional<String> hostname(Pod pod, Service service) {
    String hostname = pod.getSpec() == null ? null : pod.getSpec().getHostname();
    if (hostname == null || hostname.isEmpty()) {
      return Optional.empty();
    }
    boolean sameSubdomain = service.getMetadata().getName().equals(pod.getSpec().getSubdomain())
        && service.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace());
    return sameSubdomain ? Optional.of(hostname) : Optional.empty();
  }

  /**
   * The Service selects pods: it has a non-empty selector and is not of type ExternalName. (An empty selector never
   * reaches a controller upstream: Go drops the empty map, so it reads as "no selector".)
   */
  public static boolean selectsPods(Service service) {
    if ("ExternalName".equals(service.getSpec().getType())) {
      return false;
    }
    Map<String, String> selector = service.getSpec().getSelector();
    return selector != null && !selector.isEmpty();
  }

  /** The pod is selected by the Service's (non-empty) selector. */
  public static boolean selectedBy(Pod pod, Service service) {
    Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    return selectsPods(service)
        && service.getSpec().getSelector().entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  public static ObjectReference targetRef(Pod pod) {
    return new ObjectReferenceBuilder().withKind("Pod").withNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build();
  }

  /** {@code spec.nodeName} when the pod is bound. */
  public static Optional<String> nodeName(Pod pod) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return node == null || node.isEmpty() ? Optional.empty() : Optional.of(node);
  }
}

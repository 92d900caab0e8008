package io.capstan.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * {@code hashEndpoint}: what makes two endpoints "the same endpoint" (sorted addresses, hostname, target namespace and
 * name), so a changed endpoint is updated where it already sits instead of moving between slices; and {@code
 * EndpointsEqualBeyondHash}, whether such an endpoint needs rewriting.
 */
public record EndpointKey(List<String> addresses, String hostname, String namespace, String name) {

  public static EndpointKey of(Endpoint endpoint) {
    List<String> addresses = new ArrayList<>(endpoint.getAddresses() == null ? List.of() : endpoint.getAddresses());
    addresses.sort(Comparator.naturalOrder());
    ObjectReference ref = endpoint.getTargetRef();
    return new EndpointKey(List.copyOf(addresses), Objects.requireNonNullElse(endpoint.getHostname(), ""),
        ref == null ? "" : Objects.requireNonNullElse(ref.getNamespace(), ""),
        ref == null ? "" : Objects.requireNonNullElse(ref.getName(), ""));
  }

  /** Same node, zone, conditions and target (ignoring its resourceVersion). */
  public static boolean equalBeyondKey(Endpoint a, Endpoint b) {
    return Objects.equals(a.getNodeName(), b.getNodeName()) && Objects.equals(a.getZone(), b.getZone())
        && sameConditions(a.getConditions(), b.getConditions()) && sameRef(a.getTargetRef(), b.getTargetRef());
  }

  private static boolean sameConditions(EndpointConditions a, EndpointConditions b) {
    EndpointConditions x = a == null ? new EndpointConditions() : a;
    EndpointConditions y = b == null ? new EndpointConditions() : b;
    return Objects.equals(x.getReady(), y.getReady()) && Objects.equals(x.getServing(), y.getServing())
        && Objects.equals(x.getTerminating(), y.getTerminating());
  }

  private static boolean sameRef(ObjectReference a, ObjectReference b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(a.getKind(), b.getKind()) && Objects.equals(a.getNamespace(), b.getNamespace())
        && Objects.equals(a.getName(), b.getName()) && Objects.equals(a.getUid(), b.getUid())
        && Objects.equals(a.getApiVersion(), b.getApiVersion()) && Objects.equals(a.getFieldPath(), b.getFieldPath());
  }

  /** {@code NewPortMapKey}: a port set's identity, independent of order. */
  public record Ports(List<String> ports) {
    public static Ports of(List<EndpointPort> ports) {
      List<String> keys = new ArrayList<>();
      for (EndpointPort port : ports == null ? List.<EndpointPort>of() : ports) {
        keys.add(Objects.requireNonNullElse(port.getName(), "") + "/" + port.getPort() + "/"
            + Objects.requireNonNullElse(port.getProtocol(), "TCP") + "/"
            + Objects.requireNonNullElse(port.getAppProtocol(), ""));
      }
      keys.sort(Comparator.naturalOrder());
      return new Ports(List.copyOf(keys));
    }
  }
}

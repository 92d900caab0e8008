package io.capstan.apiserver.auth;

import java.util.Optional;
import java.util.Set;

/**
 * What a node's service proxy ({@code system:capstan-proxy:<node>}) may do, as Kubernetes'
 * {@code system:node-proxier} role grants kube-proxy, plus the draining handshake:
 *
 * <ul>
 *   <li>get, list and watch Services, Endpoints, EndpointSlices, pods and nodes;
 *   <li>patch pods, to acknowledge that it sends a terminating pod no new connections;
 *   <li>its own Lease {@code capstan-proxy-<node>} in {@code kube-node-lease}, and reading that
 *       namespace;
 *   <li>create, update and patch events; GET on non-resource paths.
 * </ul>
 */
public final class ProxyAuthorizer implements Authorizer {

  private static final String LEASE_PREFIX = "capstan-proxy-";
  private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
  private static final Set<String> LEASE_VERBS =
      Set.of("get", "create", "update", "patch", "delete");
  private static final Set<String> CORE_READABLE =
      Set.of("services", "endpoints", "pods", "nodes");

  @Override
  public Decision authorize(RequestAttributes r) {
    Optional<String> node = r.user().proxyNodeName();
    if (node.isEmpty()) {
      return Decision.noOpinion();
    }
    if (!r.isResourceRequest()) {
      return r.verb().equals("get")
          ? Decision.allow("proxies may read discovery")
          : Decision.deny("proxies may only read non-resource paths");
    }
    String group = r.apiGroup();
    String resource = r.resource();
    boolean read = READ_VERBS.contains(r.verb()) && r.subresource().isEmpty();
    if (read && ((group.isEmpty() && CORE_READABLE.contains(resource))
        || (group.equals("discovery.k8s.io") && resource.equals("endpointslices")))) {
      return Decision.allow("proxies read services and their endpoints");
    }
    if (group.isEmpty() && resource.equals("pods") && r.verb().equals("patch")
        && r.subresource().isEmpty()) {
      return Decision.allow("proxies acknowledge draining on pods");
    }
    if (group.equals("coordination.k8s.io") && resource.equals("leases")
        && r.namespace().equals(NodeAuthorizer.NODE_LEASE_NAMESPACE)
        && r.name().equals(LEASE_PREFIX + node.get()) && LEASE_VERBS.contains(r.verb())) {
      return Decision.allow("a proxy manages its own Lease");
    }
    if (group.isEmpty() && resource.equals("namespaces") && r.verb().equals("get")
        && r.name().equals(NodeAuthorizer.NODE_LEASE_NAMESPACE)) {
      return Decision.allow("a proxy checks that its Lease's namespace exists");
    }
    if ((group.isEmpty() || group.equals("events.k8s.io")) && resource.equals("events")
        && Set.of("create", "update", "patch").contains(r.verb())) {
      return Decision.allow("proxies may record events");
    }
    return Decision.deny("proxy of node '" + node.get() + "' has no access to this resource");
  }
}

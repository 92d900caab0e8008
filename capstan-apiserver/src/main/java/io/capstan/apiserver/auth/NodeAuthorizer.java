package io.capstan.apiserver.auth;

import java.util.Optional;
import java.util.Set;

/**
 * What a node ({@code system:node:<name>} in {@code system:nodes}) may do, following Kubernetes'
 * Node authorizer and the NodeRestriction admission plugin for everything decidable from the
 * request and the {@link NodeGraph}:
 *
 * <ul>
 *   <li>its own Node: get, list and watch it (by {@code metadata.name} field selector), create it,
 *       update or patch it and its status; never another node, never delete;
 *   <li>its own Lease in {@code kube-node-lease}: get, create, update, patch; and get that
 *       namespace;
 *   <li>pods: list and watch with {@code spec.nodeName=<self>}; get, delete, and update or patch
 *       the status of pods bound to it;
 *   <li>events: create, update, patch (in the core and {@code events.k8s.io} groups);
 *   <li>configmaps, secrets and serviceaccounts: get, or list and watch by {@code metadata.name},
 *       when one of its pods references them; tokens ({@code serviceaccounts/token}) for the
 *       service accounts of its pods;
 *   <li>services: get, list and watch, as the kubelet needs them for pods' environment;
 *   <li>the Leases of {@code kube-node-lease}: list and watch, to see which proxies are live
 *       before it stops a pod they may still send connections to;
 *   <li>GET on non-resource paths (discovery, {@code /version}).
 * </ul>
 *
 * Everything else a node asks is denied. For create, the caller must put the name from the body
 * into {@link RequestAttributes#name()}: the path of a create names no object, and a node may
 * create only its own Node and Lease. Other users are left to other authorizers.
 */
public final class NodeAuthorizer implements Authorizer {

  static final String NODE_LEASE_NAMESPACE = "kube-node-lease";
  private static final String COORDINATION = "coordination.k8s.io";
  private static final String EVENTS = "events.k8s.io";

  private static final Set<String> OWN_NODE_VERBS =
      Set.of("get", "list", "watch", "create", "update", "patch");
  private static final Set<String> OWN_LEASE_VERBS = Set.of("get", "create", "update", "patch");
  private static final Set<String> WRITE_VERBS = Set.of("update", "patch");
  private static final Set<String> EVENT_VERBS = Set.of("create", "update", "patch");
  private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

  private final NodeGraph graph;

  public NodeAuthorizer(NodeGraph graph) {
    this.graph = graph;
  }

  @Override
  public Decision authorize(RequestAttributes request) {
    Optional<String> node = request.user().nodeName();
    if (node.isEmpty()) {
      return Decision.noOpinion();
    }
    if (!request.isResourceRequest()) {
      return request.verb().equals("get")
          ? Decision.allow("nodes may read discovery")
          : Decision.deny("nodes may only read non-resource paths");
    }
    return authorizeResource(node.get(), request);
  }

  private Decision authorizeResource(String node, RequestAttributes r) {
    String group = r.apiGroup();
    String resource = r.resource();
    if (group.isEmpty() && resource.equals("nodes")) {
      return authorizeNode(node, r);
    }
    if (group.equals(COORDINATION) && resource.equals("leases")) {
      return authorizeLease(node, r);
    }
    if (group.isEmpty() && resource.equals("namespaces") && r.verb().equals("get")
        && r.name().equals(NODE_LEASE_NAMESPACE) && r.subresource().isEmpty()) {
      return Decision.allow("a node checks that its Lease's namespace exists");
    }
    if (group.isEmpty() && resource.equals("services")) {
      return READ_VERBS.contains(r.verb()) && r.subresource().isEmpty()
          ? Decision.allow("nodes may read services")
          : Decision.deny("nodes may only get, list and watch services");
    }
    if (group.isEmpty() && resource.equals("pods")) {
      return authorizePod(node, r);
    }
    if ((group.isEmpty() || group.equals(EVENTS)) && resource.equals("events")) {
      return EVENT_VERBS.contains(r.verb()) && r.subresource().isEmpty()
          ? Decision.allow("nodes may record events")
          : Decision.deny("nodes may only create, update and patch events");
    }
    if (group.isEmpty()) {
      Optional<NodeGraph.Reference> kind = switch (resource) {
        case "configmaps" -> Optional.of(NodeGraph.Reference.CONFIG_MAP);
        case "secrets" -> Optional.of(NodeGraph.Reference.SECRET);
        case "serviceaccounts" -> Optional.of(NodeGraph.Reference.SERVICE_ACCOUNT);
        default -> Optional.empty();
      };
      if (kind.isPresent()) {
        return authorizeReferenced(node, kind.get(), r);
      }
    }
    return Decision.deny("node '" + node + "' has no access to this resource");
  }

  private static Decision authorizeNode(String node, RequestAttributes r) {
    if (!r.name().equals(node)) {
      return Decision.deny("node '" + node + "' cannot access other nodes");
    }
    boolean status = r.subresource().equals("status");
    if (r.subresource().isEmpty() ? OWN_NODE_VERBS.contains(r.verb())
        : status && (r.verb().equals("get") || WRITE_VERBS.contains(r.verb()))) {
      return Decision.allow("a node may manage its own Node object");
    }
    return Decision.deny("node '" + node + "' cannot " + r.verb() + " its own Node object");
  }

  private static Decision authorizeLease(String node, RequestAttributes r) {
    if (r.namespace().equals(NODE_LEASE_NAMESPACE) && r.name().equals(node)
        && r.subresource().isEmpty() && OWN_LEASE_VERBS.contains(r.verb())) {
      return Decision.allow("a node may manage its own Lease");
    }
    boolean collection = r.verb().equals("list") || r.verb().equals("watch");
    if (r.namespace().equals(NODE_LEASE_NAMESPACE) && collection && r.subresource().isEmpty()) {
      return Decision.allow("a node may watch the leases of nodes and proxies");
    }
    return Decision.deny("node '" + node + "' may only get, create and update its own Lease in "
        + NODE_LEASE_NAMESPACE);
  }

  private Decision authorizePod(String node, RequestAttributes r) {
    String verb = r.verb();
    if (verb.equals("list") || verb.equals("watch")) {
      return r.fieldSelectorValue("spec.nodeName").filter(node::equals).isPresent()
          ? Decision.allow("a node may list the pods bound to it")
          : Decision.deny("node '" + node
              + "' may only list and watch pods with fieldSelector spec.nodeName=" + node);
    }
    boolean named = !r.name().isEmpty();
    boolean statusWrite = r.subresource().equals("status") && WRITE_VERBS.contains(verb);
    boolean read = verb.equals("get")
        && (r.subresource().isEmpty() || r.subresource().equals("status"));
    boolean delete = verb.equals("delete") && r.subresource().isEmpty();
    if (!named || !(statusWrite || read || delete)) {
      return Decision.deny("node '" + node
          + "' may only get and delete pods bound to it and update their status");
    }
    return graph.isPodBoundTo(r.namespace(), r.name(), node)
        ? Decision.allow("the pod is bound to node '" + node + "'")
        : Decision.deny(noRelationship(node));
  }

  private Decision authorizeReferenced(String node, NodeGraph.Reference kind, RequestAttributes r) {
    boolean token = kind == NodeGraph.Reference.SERVICE_ACCOUNT && r.subresource().equals("token")
        && r.verb().equals("create");
    boolean read = READ_VERBS.contains(r.verb()) && r.subresource().isEmpty();
    if (r.name().isEmpty() || !(read || token)) {
      return Decision.deny("node '" + node + "' can only get individual resources of this type");
    }
    return graph.isReferencedByPodsOf(node, kind, r.namespace(), r.name())
        ? Decision.allow("a pod bound to node '" + node + "' references it")
        : Decision.deny(noRelationship(node));
  }

  private static String noRelationship(String node) {
    return "no relationship found between node '" + node + "' and this object";
  }
}

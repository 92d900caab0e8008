package io.capstan.controllers.gc;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Optional;

/**
 * A namespaced kind the Capstan API server serves. Fixed rather than discovered: the server's
 * catalog is fixed too, and a fixed table keeps start-up free of discovery round trips.
 */
public record ServedKind(String group, String version, String kind, String plural) {

  /** Every namespaced kind served, in the order a namespace is emptied (workloads first). */
  public static final List<ServedKind> NAMESPACED = List.of(
      new ServedKind("apps", "v1", "Deployment", "deployments"),
      new ServedKind("apps", "v1", "ReplicaSet", "replicasets"),
      new ServedKind("", "v1", "Pod", "pods"),
      new ServedKind("", "v1", "ConfigMap", "configmaps"),
      new ServedKind("", "v1", "Secret", "secrets"),
      new ServedKind("", "v1", "Service", "services"),
      new ServedKind("", "v1", "Endpoints", "endpoints"),
      new ServedKind("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices"),
      new ServedKind("", "v1", "ServiceAccount", "serviceaccounts"),
      new ServedKind("coordination.k8s.io", "v1", "Lease", "leases"),
      new ServedKind("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets"),
      new ServedKind("", "v1", "Event", "events"));

  /** The served kind an ownerReference's apiVersion and kind name, if any. */
  public static Optional<ServedKind> of(String apiVersion, String kind) {
    return NAMESPACED.stream()
        .filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind))
        .findFirst();
  }

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The fabric8 context for generic access, with the plural given so no discovery is needed. */
  public ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }
}

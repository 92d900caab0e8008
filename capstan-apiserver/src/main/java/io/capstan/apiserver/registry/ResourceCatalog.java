package io.capstan.apiserver.registry;

import io.capstan.apiserver.resources.Strategies;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every resource type the server serves, with the names discovery publishes for it. */
public final class ResourceCatalog {

  private final List<ResourceType> types;
  private final Map<String, ResourceType> byGroupResource = new LinkedHashMap<>();

  private ResourceCatalog(List<ResourceType> types) {
    this.types = List.copyOf(types);
    for (ResourceType type : types) {
      byGroupResource.put(type.group() + "/" + type.version() + "/" + type.plural(), type);
    }
  }

  /** The built-in resources, with names, short names and categories as Kubernetes v1.32. */
  public static ResourceCatalog standard() {
    List<ResourceType> types = new ArrayList<>();
    types.add(core("Namespace", "namespaces", List.of("ns"), List.of(), false,
        Set.of("status", "finalize"), Namespace.class));
    types.add(core("Pod", "pods", List.of("po"), List.of("all"), true,
        Set.of("status", "binding", "log", "eviction"), Pod.class));
    types.add(core("ConfigMap", "configmaps", List.of("cm"), List.of(), true, Set.of(),
        ConfigMap.class));
    types.add(core("Secret", "secrets", List.of(), List.of(), true, Set.of(), Secret.class));
    types.add(core("Service", "services", List.of("svc"), List.of("all"), true,
        Set.of("status"), Service.class));
    types.add(core("Endpoints", "endpoints", List.of("ep"), List.of(), true, Set.of(),
        Endpoints.class));
    types.add(core("Node", "nodes", List.of("no"), List.of(), false, Set.of("status"),
        Node.class));
    types.add(core("Event", "events", List.of("ev"), List.of(), true, Set.of(), Event.class));
    types.add(core("ServiceAccount", "serviceaccounts", List.of("sa"), List.of(), true,
        Set.of("token"), ServiceAccount.class));
    types.add(of("apps", "Deployment", "deployments", List.of("deploy"), List.of("all"), true,
        Set.of("status", "scale"), Deployment.class));
    types.add(of("apps", "ReplicaSet", "replicasets", List.of("rs"), List.of("all"), true,
        Set.of("status", "scale"), ReplicaSet.class));
    types.add(of("coordination.k8s.io", "Lease", "leases", List.of(), List.of(), true, Set.of(),
        Lease.class));
    types.add(of("discovery.k8s.io", "EndpointSlice", "endpointslices", List.of(), List.of(), true,
        Set.of(), EndpointSlice.class));
    types.add(of("policy", "PodDisruptionBudget", "poddisruptionbudgets", List.of("pdb"),
        List.of(), true, Set.of("status"), PodDisruptionBudget.class));
    return new ResourceCatalog(types);
  }

  private static ResourceType core(String kind, String plural, List<String> shortNames,
      List<String> categories, boolean namespaced, Set<String> subresources, Class<?> model) {
    return of("", kind, plural, shortNames, categories, namespaced, subresources, model);
  }

  private static ResourceType of(String group, String kind, String plural, List<String> shortNames,
      List<String> categories, boolean namespaced, Set<String> subresources, Class<?> model) {
    Optional<ResourceStrategy> status = subresources.contains("status")
        ? Strategies.statusFor(group, kind)
        : Optional.empty();
    return new ResourceType(group, "v1", kind, plural, kind.toLowerCase(java.util.Locale.ROOT),
        shortNames, categories, namespaced, subresources, model,
        Strategies.mainFor(group, kind), status);
  }

  /** This catalog with {@code strategy} for the main resource of {@code group}/{@code kind}. */
  public ResourceCatalog withStrategy(String group, String kind, ResourceStrategy strategy) {
    List<ResourceType> replaced = new ArrayList<>();
    for (ResourceType t : types) {
      replaced.add(!t.group().equals(group) || !t.kind().equals(kind) ? t
          : new ResourceType(t.group(), t.version(), t.kind(), t.plural(), t.singular(),
              t.shortNames(), t.categories(), t.namespaced(), t.subresources(), t.modelClass(),
              strategy, t.statusStrategy()));
    }
    return new ResourceCatalog(replaced);
  }

  public List<ResourceType> types() {
    return types;
  }

  public Optional<ResourceType> find(String group, String version, String plural) {
    return Optional.ofNullable(byGroupResource.get(group + "/" + version + "/" + plural));
  }

  public ResourceType require(String group, String kind) {
    return types.stream()
        .filter(t -> t.group().equals(group) && t.kind().equals(kind))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no resource " + group + "/" + kind));
  }

  /** The group/versions served, core ("" / v1) first, in a stable order. */
  public List<String> groupVersions() {
    return types.stream().map(ResourceType::apiVersion).distinct().toList();
  }
}

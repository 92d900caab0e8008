package io.capstan.apiserver.openapi;

import io.capstan.apiserver.registry.ResourceType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A hand-made catalog like the server's: the resources Capstan serves. */
public final class SampleResources {

  private SampleResources() {}

  public static List<ResourceType> all() {
    return List.of(
        type("", "Pod", "pods", true, Set.of("status", "binding", "eviction"), Pod.class),
        type("", "Service", "services", true, Set.of("status"), Service.class),
        type("", "Endpoints", "endpoints", true, Set.of(), Endpoints.class),
        type("", "ConfigMap", "configmaps", true, Set.of(), ConfigMap.class),
        type("", "Secret", "secrets", true, Set.of(), Secret.class),
        type("", "Event", "events", true, Set.of(), Event.class),
        type("", "Node", "nodes", false, Set.of("status"), Node.class),
        type("", "Namespace", "namespaces", false, Set.of("status"), Namespace.class),
        type("apps", "Deployment", "deployments", true, Set.of("status", "scale"),
            Deployment.class),
        type("apps", "ReplicaSet", "replicasets", true, Set.of("status", "scale"),
            ReplicaSet.class),
        type("coordination.k8s.io", "Lease", "leases", true, Set.of(), Lease.class),
        type("discovery.k8s.io", "EndpointSlice", "endpointslices", true, Set.of(),
            EndpointSlice.class),
        type("policy", "PodDisruptionBudget", "poddisruptionbudgets", true, Set.of("status"),
            io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class));
  }

  static ResourceType type(String group, String kind, String plural, boolean namespaced,
      Set<String> subresources, Class<?> modelClass) {
    return new ResourceType(group, "v1", kind, plural, kind.toLowerCase(Locale.ROOT),
        List.of(), List.of(), namespaced, subresources, modelClass, obj -> List.of(),
        Optional.empty());
  }
}

package io.capstan.apiserver.resources;

import io.capstan.apiserver.registry.ResourceStrategy;
import io.capstan.apiserver.resources.apps.DeploymentStatusStrategy;
import io.capstan.apiserver.resources.apps.DeploymentStrategy;
import io.capstan.apiserver.resources.apps.ReplicaSetStatusStrategy;
import io.capstan.apiserver.resources.apps.ReplicaSetStrategy;
import io.capstan.apiserver.resources.coordination.LeaseStrategy;
import io.capstan.apiserver.resources.core.ConfigMapStrategy;
import io.capstan.apiserver.resources.core.EndpointsStrategy;
import io.capstan.apiserver.resources.core.EventStrategy;
import io.capstan.apiserver.resources.core.NamespaceStatusStrategy;
import io.capstan.apiserver.resources.core.NamespaceStrategy;
import io.capstan.apiserver.resources.core.NodeStatusStrategy;
import io.capstan.apiserver.resources.core.NodeStrategy;
import io.capstan.apiserver.resources.core.PodStatusStrategy;
import io.capstan.apiserver.resources.core.PodStrategy;
import io.capstan.apiserver.resources.core.SecretStrategy;
import io.capstan.apiserver.resources.core.ServiceAccountStrategy;
import io.capstan.apiserver.resources.core.ServiceStatusStrategy;
import io.capstan.apiserver.resources.core.ServiceStrategy;
import io.capstan.apiserver.resources.discovery.EndpointSliceStrategy;
import io.capstan.apiserver.resources.policy.PodDisruptionBudgetStatusStrategy;
import io.capstan.apiserver.resources.policy.PodDisruptionBudgetStrategy;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The strategies of every kind Capstan serves, by API group and kind. The table is built once and
 * never changes; the strategies hold no state, so one instance serves every request.
 */
public final class Strategies {

  private record Key(String group, String kind) {}

  private record Entry(ResourceStrategy main, Optional<ResourceStrategy> status, NameRule names) {}

  private static final Map<Key, Entry> TABLE = Map.ofEntries(
      entry("", "Namespace", new NamespaceStrategy(), new NamespaceStatusStrategy(),
          NameRule.DNS1123_LABEL),
      entry("", "Pod", new PodStrategy(), new PodStatusStrategy(), NameRule.DNS1123_SUBDOMAIN),
      entry("", "ConfigMap", new ConfigMapStrategy(), null, NameRule.DNS1123_SUBDOMAIN),
      entry("", "Secret", new SecretStrategy(), null, NameRule.DNS1123_SUBDOMAIN),
      entry("", "Service", new ServiceStrategy(), new ServiceStatusStrategy(),
          NameRule.DNS1035_LABEL),
      entry("", "Endpoints", new EndpointsStrategy(), null, NameRule.DNS1123_SUBDOMAIN),
      entry("", "Node", new NodeStrategy(), new NodeStatusStrategy(), NameRule.DNS1123_SUBDOMAIN),
      entry("", "Event", new EventStrategy(), null, NameRule.PATH_SEGMENT),
      entry("", "ServiceAccount", new ServiceAccountStrategy(), null, NameRule.DNS1123_SUBDOMAIN),
      entry("apps", "Deployment", new DeploymentStrategy(), new DeploymentStatusStrategy(),
          NameRule.DNS1123_SUBDOMAIN),
      entry("apps", "ReplicaSet", new ReplicaSetStrategy(), new ReplicaSetStatusStrategy(),
          NameRule.DNS1123_SUBDOMAIN),
      entry("coordination.k8s.io", "Lease", new LeaseStrategy(), null,
          NameRule.DNS1123_SUBDOMAIN),
      entry("discovery.k8s.io", "EndpointSlice", new EndpointSliceStrategy(), null,
          NameRule.DNS1123_SUBDOMAIN),
      entry("policy", "PodDisruptionBudget", new PodDisruptionBudgetStrategy(),
          new PodDisruptionBudgetStatusStrategy(), NameRule.DNS1123_SUBDOMAIN));

  private Strategies() {}

  private static Map.Entry<Key, Entry> entry(String group, String kind, ResourceStrategy main,
      ResourceStrategy status, NameRule names) {
    return Map.entry(new Key(group, kind), new Entry(main, Optional.ofNullable(status), names));
  }

  /**
   * The strategy of the main resource.
   *
   * @throws IllegalArgumentException for a kind Capstan does not serve
   */
  public static ResourceStrategy mainFor(String group, String kind) {
    return lookup(group, kind).main();
  }

  /** The strategy of the {@code status} subresource, for kinds that have one. */
  public static Optional<ResourceStrategy> statusFor(String group, String kind) {
    return lookup(group, kind).status();
  }

  /** The format object names of this kind must have, for {@link ObjectMetaValidator}. */
  public static NameRule nameRuleFor(String group, String kind) {
    return lookup(group, kind).names();
  }

  /** Whether a strategy exists for the kind. */
  public static boolean serves(String group, String kind) {
    return TABLE.containsKey(new Key(group, kind));
  }

  /** The kinds served, as {@code group/kind} ({@code /Pod} for the core group). */
  public static Set<String> kinds() {
    return TABLE.keySet().stream().map(k -> k.group() + "/" + k.kind())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  private static Entry lookup(String group, String kind) {
    Entry entry = TABLE.get(new Key(group, kind));
    if (entry == null) {
      throw new IllegalArgumentException("no strategy for kind " + kind + " in group \""
          + group + "\"");
    }
    return entry;
  }
}

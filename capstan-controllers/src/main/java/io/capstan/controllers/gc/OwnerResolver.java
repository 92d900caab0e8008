package io.capstan.controllers.gc;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Optional;

/**
 * Decides whether the owner an ownerReference names still exists. The cache answers "present"; it
 * cannot answer "absent" (the owner may simply not be seen yet), so a cache miss is confirmed with
 * a live read, and an owner whose name now holds another uid counts as gone.
 */
final class OwnerResolver {

  enum State { PRESENT, ABSENT, DELETING_DEPENDENTS }

  private final OwnerGraph graph;
  private final GcWrites writes;

  OwnerResolver(OwnerGraph graph, GcWrites writes) {
    this.graph = graph;
    this.writes = writes;
  }

  State stateOf(String namespace, OwnerReference ref) {
    Optional<OwnerGraph.Node> cached = graph.byUid(ref.getUid());
    if (cached.isPresent()) {
      return stateOf(cached.get().object());
    }
    Optional<ServedKind> kind = ServedKind.of(ref.getApiVersion(), ref.getKind());
    if (kind.isEmpty()) {
      // Deviation: upstream resolves any kind through discovery. An owner of a kind Capstan does
      // not serve (or a cluster-scoped one) cannot be checked here, so its dependents are kept.
      return State.PRESENT;
    }
    Optional<GenericKubernetesResource> live = writes.live(kind.get(), namespace, ref.getName());
    if (live.isEmpty() || !ref.getUid().equals(live.get().getMetadata().getUid())) {
      return State.ABSENT;
    }
    return stateOf(live.get());
  }

  private static State stateOf(GenericKubernetesResource owner) {
    ObjectMeta meta = owner.getMetadata();
    return meta.getDeletionTimestamp() != null
        && meta.getFinalizers().contains(GarbageCollector.FOREGROUND)
        ? State.DELETING_DEPENDENTS
        : State.PRESENT;
  }
}

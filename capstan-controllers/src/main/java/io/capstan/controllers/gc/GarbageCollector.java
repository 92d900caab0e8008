package io.capstan.controllers.gc;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.Reconciler;
import io.capstan.controller.runtime.Result;
import io.capstan.controller.runtime.Scheduler;
import io.capstan.controllers.gc.OwnerGraph.Node;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The garbage collector (Kubernetes {@code pkg/controller/garbagecollector}). One reconcile looks at
 * one object in two roles: as an owner being deleted with the {@code orphan} or
 * {@code foregroundDeletion} finalizer, and otherwise as a dependent whose owners may be gone.
 * Events on any object enqueue it, its cached owners and its cached dependents, so a dependent
 * created after its owner vanished is checked when it is first seen.
 */
public final class GarbageCollector implements Reconciler {

  static final String ORPHAN = "orphan";
  static final String FOREGROUND = "foregroundDeletion";

  /** How soon a foreground owner looks again at dependents that are still terminating. */
  private static final Duration FOREGROUND_RECHECK = Duration.ofSeconds(2);

  private final OwnerGraph graph;
  private final GcWrites writes;
  private final OwnerResolver owners;

  GarbageCollector(OwnerGraph graph, GcWrites writes) {
    this.graph = graph;
    this.writes = writes;
    this.owners = new OwnerResolver(graph, writes);
  }

  /** A collector over every served namespaced kind, ready to {@link Controller#start()}. */
  public static Controller create(KubernetesClient client, Clock clock, Scheduler scheduler,
      int workers) {
    OwnerGraph graph = new OwnerGraph(client);
    Controller.Builder builder = Controller.builder("garbage-collector",
            new GarbageCollector(graph, new GcWrites(client)))
        .workers(workers)
        .time(clock, scheduler)
        .backoff(Duration.ofMillis(100), Duration.ofSeconds(30));
    for (ServedKind kind : ServedKind.NAMESPACED) {
      builder.watch(graph.informers().get(OwnerGraph.kindId(kind)),
          object -> graph.keysFor(kind, object));
    }
    return builder.build();
  }

  @Override
  public Result reconcile(String key) {
    ServedKind kind = graph.kindOf(key);
    Optional<GenericKubernetesResource> cached = graph.get(key);
    if (cached.isEmpty()) {
      return Result.done();
    }
    ObjectMeta meta = cached.get().getMetadata();
    if (meta.getDeletionTimestamp() != null) {
      if (meta.getFinalizers().contains(ORPHAN)) {
        orphanDependents(kind, meta);
      } else if (meta.getFinalizers().contains(FOREGROUND)) {
        return deleteDependentsFirst(kind, meta);
      }
      // An object already going away is not collected again (as upstream).
      return Result.done();
    }
    if (!meta.getOwnerReferences().isEmpty()) {
      collectIfOwnerless(new Node(kind, cached.get()));
    }
    return Result.done();
  }

  private void orphanDependents(ServedKind kind, ObjectMeta owner) {
    for (Node dependent : writes.liveDependents(owner.getNamespace(), owner.getUid())) {
      ObjectMeta meta = dependent.object().getMetadata();
      writes.removeOwnerReferences(dependent.kind(), meta.getNamespace(), meta.getName(),
          Set.of(owner.getUid()));
    }
    writes.removeFinalizer(kind, owner.getNamespace(), owner.getName(), ORPHAN);
  }

  private Result deleteDependentsFirst(ServedKind kind, ObjectMeta owner) {
    // Cached dependents are acted on at once; the finalizer only goes after a live check.
    if (blocksOwner(graph.dependents(owner.getUid()), owner)
        || blocksOwner(writes.liveDependents(owner.getNamespace(), owner.getUid()), owner)) {
      // Dependent deletions enqueue this owner again; the recheck covers pods that linger.
      return Result.requeueAfter(FOREGROUND_RECHECK);
    }
    writes.removeFinalizer(kind, owner.getNamespace(), owner.getName(), FOREGROUND);
    return Result.done();
  }

  /** Deletes (or detaches) the dependents not yet going; true if one still blocks the owner. */
  private boolean blocksOwner(List<Node> dependents, ObjectMeta owner) {
    boolean blocked = false;
    for (Node dependent : dependents) {
      if (dependent.object().getMetadata().getDeletionTimestamp() == null) {
        collectIfOwnerless(dependent);
      }
      blocked |= dependent.object().getMetadata().getOwnerReferences().stream()
          .anyMatch(ref -> ref.getUid().equals(owner.getUid())
              && Boolean.TRUE.equals(ref.getBlockOwnerDeletion()));
    }
    return blocked;
  }

  /**
   * Upstream's attemptToDeleteItem: with at least one live owner left, only the references to gone
   * owners and to owners deleting in foreground are stripped; with none left the object is deleted,
   * in foreground if an owner waits for it and it owns something itself, else in background.
   */
  private void collectIfOwnerless(Node dependent) {
    ObjectMeta meta = dependent.object().getMetadata();
    Set<String> solid = new HashSet<>();
    Set<String> dangling = new HashSet<>();
    Set<String> waiting = new HashSet<>();
    for (OwnerReference ref : meta.getOwnerReferences()) {
      switch (owners.stateOf(meta.getNamespace(), ref)) {
        case PRESENT -> solid.add(ref.getUid());
        case ABSENT -> dangling.add(ref.getUid());
        case DELETING_DEPENDENTS -> waiting.add(ref.getUid());
      }
    }
    if (dangling.isEmpty() && waiting.isEmpty()) {
      return;
    }
    if (!solid.isEmpty()) {
      Set<String> stale = new HashSet<>(dangling);
      stale.addAll(waiting);
      writes.removeOwnerReferences(dependent.kind(), meta.getNamespace(), meta.getName(), stale);
      return;
    }
    // An owner waiting in foreground must not lose a grandchild that the cache has not shown yet,
    // so a cache miss is confirmed live before choosing background.
    boolean ownsOthers = !waiting.isEmpty() && (!graph.dependents(meta.getUid()).isEmpty()
        || !writes.liveDependents(meta.getNamespace(), meta.getUid()).isEmpty());
    DeletionPropagation policy = ownsOthers
        ? DeletionPropagation.FOREGROUND
        : DeletionPropagation.BACKGROUND;
    writes.delete(dependent.kind(), meta.getNamespace(), meta.getName(), meta.getUid(),
        GcWrites.ownerUids(dependent.object()), policy);
  }
}

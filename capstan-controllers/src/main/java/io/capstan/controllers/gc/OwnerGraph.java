package io.capstan.controllers.gc;

import io.capstan.controller.runtime.Keys;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The owner-to-dependents graph, read from one informer per served kind. Edges are uid-based: each
 * informer indexes its objects by their own uid and by the uids their ownerReferences name, so
 * "who owns X" and "whom does X own" are index look-ups across all kinds.
 *
 * <p>Work-queue keys name one object of one kind: {@code <plural>.<group>|<namespace>/<name>}.
 */
final class OwnerGraph {

  private static final String BY_UID = "uid";
  private static final String BY_OWNER_UID = "owner-uid";

  private final Map<String, ServedKind> kinds = new LinkedHashMap<>();
  private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers =
      new LinkedHashMap<>();

  OwnerGraph(KubernetesClient client) {
    Map<String, Function<GenericKubernetesResource, List<String>>> indexers = Map.of(
        BY_UID, o -> List.of(o.getMetadata().getUid()),
        BY_OWNER_UID, o -> o.getMetadata().getOwnerReferences().stream()
            .map(OwnerReference::getUid).distinct().toList());
    for (ServedKind kind : ServedKind.NAMESPACED) {
      String id = kindId(kind);
      kinds.put(id, kind);
      informers.put(id, client.genericKubernetesResources(kind.context()).inAnyNamespace()
          .withIndexers(indexers).runnableInformer(0));
    }
  }

  Map<String, SharedIndexInformer<GenericKubernetesResource>> informers() {
    return informers;
  }

  static String kindId(ServedKind kind) {
    return kind.plural() + "." + kind.group();
  }

  static String key(ServedKind kind, HasMetadata object) {
    return kindId(kind) + "|" + Keys.of(object);
  }

  ServedKind kindOf(String key) {
    return kinds.get(key.substring(0, key.indexOf('|')));
  }

  /** The cached object a key names. */
  Optional<GenericKubernetesResource> get(String key) {
    String id = key.substring(0, key.indexOf('|'));
    return Optional.ofNullable(informers.get(id).getStore().getByKey(key.substring(id.length() + 1)));
  }

  /** A cached object of any kind with this uid, with its key. */
  Optional<Node> byUid(String uid) {
    for (var entry : informers.entrySet()) {
      List<GenericKubernetesResource> found = entry.getValue().getIndexer().byIndex(BY_UID, uid);
      if (!found.isEmpty()) {
        return Optional.of(new Node(kinds.get(entry.getKey()), found.getFirst()));
      }
    }
    return Optional.empty();
  }

  /** Every cached object, of any kind, with an ownerReference naming this uid. */
  List<Node> dependents(String ownerUid) {
    List<Node> dependents = new ArrayList<>();
    for (var entry : informers.entrySet()) {
      for (GenericKubernetesResource object
          : entry.getValue().getIndexer().byIndex(BY_OWNER_UID, ownerUid)) {
        dependents.add(new Node(kinds.get(entry.getKey()), object));
      }
    }
    return dependents;
  }

  /**
   * The keys an event on {@code object} makes worth reconciling: the object itself (its owners may
   * be gone, or it may be an owner being deleted), its cached owners (a foreground owner waits for
   * it), and its dependents (they may have lost their owner).
   */
  List<String> keysFor(ServedKind kind, GenericKubernetesResource object) {
    List<String> keys = new ArrayList<>();
    keys.add(key(kind, object));
    for (OwnerReference ref : object.getMetadata().getOwnerReferences()) {
      byUid(ref.getUid()).ifPresent(owner -> keys.add(owner.key()));
    }
    for (Node dependent : dependents(object.getMetadata().getUid())) {
      keys.add(dependent.key());
    }
    return keys;
  }

  /** One object of the graph with its kind. */
  record Node(ServedKind kind, GenericKubernetesResource object) {
    String key() {
      return OwnerGraph.key(kind, object);
    }
  }
}

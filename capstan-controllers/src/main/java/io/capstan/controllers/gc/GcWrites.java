package io.capstan.controllers.gc;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's writes. Each one reads the live object first (the cache may lag) and patches it
 * with a JSON patch that tests the resourceVersion it read, so an index into {@code finalizers} or
 * {@code ownerReferences} can never hit an entry a concurrent writer moved; a failed test surfaces as
 * an exception and the runner retries with backoff.
 */
final class GcWrites {

  private static final Logger LOG = LoggerFactory.getLogger(GcWrites.class);

  private final KubernetesClient client;

  GcWrites(KubernetesClient client) {
    this.client = client;
  }

  Optional<GenericKubernetesResource> live(ServedKind kind, String namespace, String name) {
    return Optional.ofNullable(resource(kind, namespace, name).get());
  }

  /**
   * The dependents of {@code ownerUid} in {@code namespace}, listed live. Used before an owner's
   * finalizer goes: a dependent created just before the owner was deleted may not be cached yet, and
   * missing it would orphan or collect the wrong objects.
   */
  List<OwnerGraph.Node> liveDependents(String namespace, String ownerUid) {
    List<OwnerGraph.Node> dependents = new ArrayList<>();
    for (ServedKind kind : ServedKind.NAMESPACED) {
      for (GenericKubernetesResource item : client.genericKubernetesResources(kind.context())
          .inNamespace(namespace).list().getItems()) {
        if (item.getMetadata().getOwnerReferences().stream()
            .anyMatch(ref -> ownerUid.equals(ref.getUid()))) {
          dependents.add(new OwnerGraph.Node(kind, item));
        }
      }
    }
    return dependents;
  }

  /** Strips the ownerReferences naming any of {@code ownerUids}; nothing if none does. */
  void removeOwnerReferences(ServedKind kind, String namespace, String name, Set<String> ownerUids) {
    Optional<GenericKubernetesResource> current = live(kind, namespace, name);
    if (current.isEmpty()) {
      return;
    }
    List<OwnerReference> refs = current.get().getMetadata().getOwnerReferences();
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      if (ownerUids.contains(refs.get(i).getUid())) {
        indexes.add(i);
      }
    }
    if (indexes.isEmpty()) {
      return;
    }
    patchRemoving(kind, current.get(), "/metadata/ownerReferences/", indexes);
    LOG.debug("removed owner references kind={} namespace={} name={} owners={}",
        kind.kind(), namespace, name, ownerUids);
  }

  /** Removes one finalizer; nothing if the object or the finalizer is already gone. */
  void removeFinalizer(ServedKind kind, String namespace, String name, String finalizer) {
    Optional<GenericKubernetesResource> current = live(kind, namespace, name);
    if (current.isEmpty()) {
      return;
    }
    int index = current.get().getMetadata().getFinalizers().indexOf(finalizer);
    if (index < 0) {
      return;
    }
    patchRemoving(kind, current.get(), "/metadata/finalizers/", List.of(index));
    LOG.debug("removed finalizer kind={} namespace={} name={} finalizer={}",
        kind.kind(), namespace, name, finalizer);
  }

  /**
   * Deletes the object if it is still the one with {@code uid}, not already being deleted, and
   * still names exactly the owners {@code ownerUids} the decision was made on: a cached copy may
   * predate an orphaning patch that stripped the references, and deleting it then would be wrong.
   */
  void delete(ServedKind kind, String namespace, String name, String uid, Set<String> ownerUids,
      DeletionPropagation policy) {
    Optional<GenericKubernetesResource> current = live(kind, namespace, name);
    if (current.isEmpty() || !current.get().getMetadata().getUid().equals(uid)
        || current.get().getMetadata().getDeletionTimestamp() != null
        || !ownerUids.equals(ownerUids(current.get()))) {
      return;
    }
    resource(kind, namespace, name).withPropagationPolicy(policy).delete();
    LOG.debug("deleted dependent kind={} namespace={} name={} policy={}",
        kind.kind(), namespace, name, policy);
  }

  static Set<String> ownerUids(GenericKubernetesResource object) {
    return object.getMetadata().getOwnerReferences().stream()
        .map(OwnerReference::getUid).collect(Collectors.toSet());
  }

  private void patchRemoving(ServedKind kind, GenericKubernetesResource object, String prefix,
      List<Integer> indexes) {
    List<Map<String, Object>> ops = new ArrayList<>();
    ops.add(Map.of("op", "test", "path", "/metadata/resourceVersion",
        "value", object.getMetadata().getResourceVersion()));
    // Highest index first, so each removal leaves the lower indexes where they were.
    for (int i = indexes.size() - 1; i >= 0; i--) {
      ops.add(Map.of("op", "remove", "path", prefix + indexes.get(i)));
    }
    resource(kind, object.getMetadata().getNamespace(), object.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON), Serialization.asJson(ops));
  }

  private Resource<GenericKubernetesResource> resource(ServedKind kind, String namespace,
      String name) {
    return client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name);
  }
}

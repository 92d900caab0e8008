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

  /** Deletes the object if it is still the one with {@code uid} and not already being deleted. */
  void delete(ServedKind kind, String namespace, String name, String uid,
      DeletionPropagation policy) {
    Optional<GenericKubernetesResource> current = live(kind, namespace, name);
    if (current.isEmpty() || !current.get().getMetadata().getUid().equals(uid)
        || current.get().getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    resource(kind, namespace, name).withPropagationPolicy(policy).delete();
    LOG.debug("deleted dependent kind={} namespace={} name={} policy={}",
        kind.kind(), namespace, name, policy);
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

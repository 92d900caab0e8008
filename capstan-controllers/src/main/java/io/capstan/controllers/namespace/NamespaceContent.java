package io.capstan.controllers.namespace;

import io.capstan.controllers.gc.ServedKind;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objects in one namespace, read live (not from informers: finalizing a namespace on a stale
 * cache would leave objects behind that nobody can list through the namespace any more).
 */
final class NamespaceContent {

  private final KubernetesClient client;

  NamespaceContent(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Deletes every object of every served namespaced kind in {@code namespace} that is not already
   * being deleted, with background propagation as upstream's namespace deleter does.
   *
   * @return what was still present (deleted now or still terminating)
   */
  Remaining deleteAll(String namespace) {
    Map<String, Integer> byResource = new TreeMap<>();
    Map<String, Integer> byFinalizer = new TreeMap<>();
    for (ServedKind kind : ServedKind.NAMESPACED) {
      List<GenericKubernetesResource> items = client.genericKubernetesResources(kind.context())
          .inNamespace(namespace).list().getItems();
      for (GenericKubernetesResource item : items) {
        String resource = kind.group().isEmpty() ? kind.plural() : kind.plural() + "." + kind.group();
        byResource.merge(resource, 1, Integer::sum);
        for (String finalizer : item.getMetadata().getFinalizers()) {
          byFinalizer.merge(finalizer, 1, Integer::sum);
        }
        if (item.getMetadata().getDeletionTimestamp() == null) {
          delete(kind, namespace, item.getMetadata().getName());
        }
      }
    }
    return new Remaining(byResource, byFinalizer);
  }

  /** Objects left in a namespace per resource ({@code pods}, {@code replicasets.apps}) and finalizer. */
  record Remaining(Map<String, Integer> byResource, Map<String, Integer> byFinalizer) {
    boolean isEmpty() {
      return byResource.isEmpty();
    }
  }

  private void delete(ServedKind kind, String namespace, String name) {
    try {
      client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name)
          .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    } catch (KubernetesClientException e) {
      // Gone between the list and the delete: that is what we wanted.
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }
}

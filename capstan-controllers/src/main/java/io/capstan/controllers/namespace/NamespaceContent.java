package io.capstan.controllers.namespace;

import io.capstan.controllers.gc.ServedKind;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

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
   * @return how many objects were still present (deleted now or still terminating)
   */
  int deleteAll(String namespace) {
    int present = 0;
    for (ServedKind kind : ServedKind.NAMESPACED) {
      List<GenericKubernetesResource> items = client.genericKubernetesResources(kind.context())
          .inNamespace(namespace).list().getItems();
      for (GenericKubernetesResource item : items) {
        present++;
        if (item.getMetadata().getDeletionTimestamp() == null) {
          delete(kind, namespace, item.getMetadata().getName());
        }
      }
    }
    return present;
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

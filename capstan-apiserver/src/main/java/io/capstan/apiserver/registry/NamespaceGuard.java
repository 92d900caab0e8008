package io.capstan.apiserver.registry;

import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.json.Meta;
import io.capstan.store.KeyValue;
import io.capstan.store.Store;
import java.util.Optional;

/**
 * Kubernetes' NamespaceLifecycle admission: objects may only be created in a namespace that exists
 * and is not being deleted.
 */
public final class NamespaceGuard {

  private final Store store;
  private final ResourceType namespaces;

  public NamespaceGuard(Store store, ResourceType namespaces) {
    this.store = store;
    this.namespaces = namespaces;
  }

  void checkWritable(String namespace) {
    Optional<KeyValue> kv = store.get(ObjectKeys.key(namespaces, "", namespace));
    if (kv.isEmpty()) {
      throw ApiException.notFound("", "namespaces", namespace);
    }
    if (Meta.deletionTimestamp(ObjectCodec.decode(kv.get())).isPresent()) {
      throw ApiException.forbidden("unable to create new content in namespace " + namespace
          + " because it is being terminated");
    }
  }
}

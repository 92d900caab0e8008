package io.capstan.apiserver.registry;

import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.Store;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** Every stored object of a type, read straight from the store (for start-up rebuilds). */
public final class StoredObjects {

  private StoredObjects() {}

  public static List<ObjectNode> list(Store store, ResourceType type) {
    List<KeyValue> items = store.list(ListRequest.all(ObjectKeys.prefix(type, ""))).items();
    return items.stream().map(ObjectCodec::decode).toList();
  }
}

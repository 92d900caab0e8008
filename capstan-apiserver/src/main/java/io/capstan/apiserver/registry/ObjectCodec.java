package io.capstan.apiserver.registry;

import io.capstan.apiserver.json.Json;
import io.capstan.store.KeyValue;
import tools.jackson.databind.node.ObjectNode;

/**
 * How objects are kept in the store: JSON without {@code metadata.resourceVersion}, which is the
 * store's modRevision and is put back on every read (as Kubernetes does with etcd).
 */
final class ObjectCodec {

  private ObjectCodec() {}

  static byte[] encode(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    if (copy.get("metadata") instanceof ObjectNode meta) {
      meta.remove("resourceVersion");
    }
    return Json.MAPPER.writeValueAsBytes(copy);
  }

  static ObjectNode decode(KeyValue kv) {
    ObjectNode object = (ObjectNode) Json.MAPPER.readTree(kv.value());
    ObjectNode meta = object.get("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
    meta.put("resourceVersion", Long.toString(kv.modRevision()));
    return object;
  }
}

package io.capstan.apiserver.allocation;

import io.capstan.apiserver.json.Json;
import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.Store;
import io.capstan.store.StoreException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who holds an allocated value when several servers share one store: a key per value under
 * {@code prefix} ({@code /registry/ranges/serviceips/10.96.0.10}), created only if absent, so that
 * of two servers picking the same value exactly one gets it (Kubernetes keeps the same knowledge
 * in etcd, as a compare-and-swapped bitmap or one IPAddress object per address). An allocator's
 * own set then only hints at what is taken, to pick values that are probably free.
 *
 * <p>The keys live under /registry/ so that writing them moves the store's revision with an event
 * the watch cache sees; no resource is stored under {@code /registry/ranges/}.
 */
public final class StoreClaims {

  private final Store store;
  private final String prefix;

  public StoreClaims(Store store, String prefix) {
    if (!prefix.endsWith("/")) {
      throw new IllegalArgumentException("prefix must end with /: " + prefix);
    }
    this.store = store;
    this.prefix = prefix;
  }

  /** Claims {@code value}; false if a server (this one included) already holds it. */
  boolean claim(String value) {
    try {
      store.create(prefix + value, body(value));
      return true;
    } catch (StoreException.KeyExists taken) {
      return false;
    }
  }

  /** Gives {@code value} back; nothing happens if nobody holds it. */
  void release(String value) {
    try {
      store.delete(prefix + value, 0);
    } catch (StoreException.KeyNotFound alreadyFree) {
      // released before, or never claimed (a Service from before claims were kept)
    }
  }

  /** Every value held now, with the revision its claim was made at. */
  Map<String, Long> heldAt() {
    Map<String, Long> values = new HashMap<>();
    for (KeyValue kv : store.list(ListRequest.all(prefix)).items()) {
      values.put(kv.key().substring(prefix.length()), kv.modRevision());
    }
    return values;
  }

  /**
   * Gives {@code value} back if its claim is still the one made at {@code revision}; false if it
   * is gone or was claimed again since.
   */
  boolean releaseAt(String value, long revision) {
    try {
      store.delete(prefix + value, revision);
      return true;
    } catch (StoreException.KeyNotFound | StoreException.Conflict changed) {
      return false;
    }
  }

  /** Every value held now. */
  Set<String> held() {
    Set<String> values = new HashSet<>();
    for (KeyValue kv : store.list(ListRequest.all(prefix)).items()) {
      values.add(kv.key().substring(prefix.length()));
    }
    return values;
  }

  private static byte[] body(String value) {
    ObjectNode claim = Json.object();
    claim.put("apiVersion", "v1");
    claim.put("kind", "AllocationClaim");
    claim.putObject("metadata").put("name", value);
    return Json.MAPPER.writeValueAsBytes(claim);
  }
}

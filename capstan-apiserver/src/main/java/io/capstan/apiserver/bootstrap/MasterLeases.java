package io.capstan.apiserver.bootstrap;

import io.capstan.apiserver.json.Json;
import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.Store;
import io.capstan.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API servers alive right now, as kube-apiserver's lease endpoint reconciler knows them
 * ({@code pkg/controlplane/reconcilers/lease.go}): each server keeps a key of its own under
 * {@code /registry/masterleases/} and renews it; a key left unrenewed for the TTL belongs to a
 * server that is gone.
 *
 * <p>Why keys in the store and not coordination Leases: Kubernetes keeps these leases out of the
 * API too ({@code /masterleases/} in etcd), so no client can fake or delete a server's presence,
 * and a create-if-absent key is what {@link io.capstan.apiserver.allocation.StoreClaims} already
 * uses. The store has no TTL of its own (etcd's would be Kubernetes' way), so expiry is judged
 * the way leader election judges a Lease: a key whose revision has not moved for the TTL, as
 * <em>this</em> server observed it on its own monotonic clock, is expired. No two servers' clocks
 * are ever compared; a server that has just started counts every key as alive until it has
 * watched it go unrenewed for a whole TTL. An expired key is deleted only at the revision it was
 * seen at, so a holder renewing it at that moment keeps it.
 *
 * <p>The keys live under /registry/ so that writing them moves the store's revision with an event
 * the watch cache sees; the value is an Endpoints object naming the holder, as in Kubernetes.
 * Keyed by address and port, so that several servers on one machine are told apart.
 */
public final class MasterLeases {

  /** A server's advertised address and port. */
  public record Holder(String ip, int port) implements Comparable<Holder> {
    String id() {
      return ip + ":" + port;
    }

    @Override
    public int compareTo(Holder other) {
      int byPort = Integer.compare(port, other.port);
      return byPort != 0 ? byPort : ip.compareTo(other.ip);
    }
  }

  public static final String PREFIX = "/registry/masterleases/";

  private final Store store;
  private final Duration ttl;
  private final LongSupplier nanos;
  /** Key to the revision last seen and when (nanos) it was first seen at that revision. */
  private final Map<String, Observed> observed = new HashMap<>();

  private record Observed(long revision, long since) {}

  /**
   * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public MasterLeases(Store store, Duration ttl, LongSupplier nanos) {
    this.store = store;
    this.ttl = ttl;
    this.nanos = nanos;
  }

  /** Creates or renews {@code self}'s key. */
  public synchronized void renew(Holder self) {
    String key = PREFIX + self.id();
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        Optional<KeyValue> current = store.get(key);
        if (current.isEmpty()) {
          store.create(key, body(self));
        } else {
          store.update(key, body(self), current.get().modRevision());
        }
        return;
      } catch (StoreException.KeyExists | StoreException.KeyNotFound
          | StoreException.Conflict raced) {
        // another server expired it, or it was renewed meanwhile: read again
      }
    }
  }

  /** Removes {@code self}'s key: the server is stopping. */
  public synchronized void remove(Holder self) {
    try {
      store.delete(PREFIX + self.id(), 0);
    } catch (StoreException.KeyNotFound gone) {
      // expired and deleted by another server already
    }
    observed.remove(PREFIX + self.id());
  }

  /**
   * The holders whose keys are alive, sorted by port and address; keys that have gone unrenewed
   * for the TTL are deleted on the way.
   */
  public synchronized List<Holder> live() {
    long now = nanos.getAsLong();
    Map<String, Observed> seen = new HashMap<>();
    List<Holder> alive = new ArrayList<>();
    for (KeyValue kv : store.list(ListRequest.all(PREFIX)).items()) {
      Observed before = observed.get(kv.key());
      Observed current = before != null && before.revision() == kv.modRevision()
          ? before : new Observed(kv.modRevision(), now);
      if (now - current.since() > ttl.toNanos()) {
        expire(kv);
        continue;
      }
      seen.put(kv.key(), current);
      holder(kv).ifPresent(alive::add);
    }
    observed.clear();
    observed.putAll(seen);
    alive.sort(null);
    return alive;
  }

  private void expire(KeyValue kv) {
    try {
      store.delete(kv.key(), kv.modRevision());
    } catch (StoreException.KeyNotFound | StoreException.Conflict renewedOrGone) {
      // renewed at the last moment (then it is alive and seen next time), or deleted already
    }
  }

  private static Optional<Holder> holder(KeyValue kv) {
    try {
      JsonNode subset = Json.MAPPER.readTree(kv.value()).path("subsets").path(0);
      String ip = subset.path("addresses").path(0).path("ip").asString("");
      int port = subset.path("ports").path(0).path("port").asInt(0);
      return ip.isEmpty() || port == 0 ? Optional.empty() : Optional.of(new Holder(ip, port));
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  private static byte[] body(Holder self) {
    ObjectNode endpoints = Json.object();
    endpoints.put("apiVersion", "v1");
    endpoints.put("kind", "Endpoints");
    endpoints.putObject("metadata").put("name", self.id());
    ObjectNode subset = endpoints.putArray("subsets").addObject();
    subset.putArray("addresses").addObject().put("ip", self.ip());
    subset.putArray("ports").addObject().put("port", self.port()).put("protocol", "TCP");
    return Json.MAPPER.writeValueAsBytes(endpoints);
  }
}

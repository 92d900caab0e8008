package io.capstan.apiserver.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.ListResult;
import io.capstan.store.Store;
import io.capstan.store.StoreException;
import io.capstan.store.Watch;
import io.capstan.store.WatchListener;
import io.capstan.store.memory.MemoryStore;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A store that cannot answer (etcd without a leader or a quorum) makes any request that reaches
 * it a 503 ServiceUnavailable Status, whichever step of the request met it — not a 500.
 */
class StorageUnavailableTest {

  @Test
  void aCreateWhoseNamespaceCannotBeReadIsServiceUnavailable() throws Exception {
    FailingStore store = new FailingStore(new MemoryStore());
    try (TestServer server = TestServer.start(store, c -> c)) {
      store.failing.set(true);
      HttpResponse<String> response = server.send("POST",
          "/api/v1/namespaces/default/configmaps", "application/json",
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}");

      assertThat(response.statusCode()).isEqualTo(503);
      JsonNode status = Json.MAPPER.readTree(response.body());
      assertThat(status.path("kind").asString()).isEqualTo("Status");
      assertThat(status.path("reason").asString()).isEqualTo("ServiceUnavailable");
      assertThat(status.path("message").asString()).contains("etcdserver: leader changed");

      store.failing.set(false);
      assertThat(server.send("POST", "/api/v1/namespaces/default/configmaps",
          "application/json",
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}")
          .statusCode()).isEqualTo(201);
    }
  }

  /** Reads (get) fail while {@link #failing} is set, as etcd's do during an election. */
  private static final class FailingStore implements Store {
    final AtomicBoolean failing = new AtomicBoolean();
    private final Store delegate;

    FailingStore(Store delegate) {
      this.delegate = delegate;
    }

    @Override
    public long currentRevision() {
      return delegate.currentRevision();
    }

    @Override
    public long compactedRevision() {
      return delegate.compactedRevision();
    }

    @Override
    public KeyValue create(String key, byte[] value) {
      return delegate.create(key, value);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
      return delegate.update(key, value, expectedModRevision);
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
      return delegate.delete(key, expectedModRevision);
    }

    @Override
    public Optional<KeyValue> get(String key) {
      if (failing.get()) {
        throw new StoreException.Unavailable("etcd: Status{code=UNAVAILABLE, "
            + "description=etcdserver: leader changed, cause=null}", null);
      }
      return delegate.get(key);
    }

    @Override
    public ListResult list(ListRequest request) {
      return delegate.list(request);
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
      return delegate.watch(prefix, afterRevision, listener);
    }

    @Override
    public void compact(long revision) {
      delegate.compact(revision);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}

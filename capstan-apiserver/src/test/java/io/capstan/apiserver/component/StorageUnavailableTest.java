package io.capstan.apiserver.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import io.capstan.store.ForwardingStore;
import io.capstan.store.KeyValue;
import io.capstan.store.Store;
import io.capstan.store.StoreException;
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
  private static final class FailingStore extends ForwardingStore {
    final AtomicBoolean failing = new AtomicBoolean();

    FailingStore(Store delegate) {
      super(delegate);
    }

    @Override
    public Optional<KeyValue> get(String key) {
      if (failing.get()) {
        throw new StoreException.Unavailable("etcd: Status{code=UNAVAILABLE, "
            + "description=etcdserver: leader changed, cause=null}", null);
      }
      return delegate.get(key);
    }
  }
}

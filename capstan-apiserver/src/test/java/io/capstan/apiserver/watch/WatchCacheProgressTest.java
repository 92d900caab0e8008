package io.capstan.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.store.ForwardingStore;
import io.capstan.store.KeyValue;
import io.capstan.store.Store;
import io.capstan.store.Watch;
import io.capstan.store.WatchEvent;
import io.capstan.store.WatchListener;
import io.capstan.store.memory.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store's revision moves on without events under the cache's prefix (keys elsewhere, another
 * user of etcd): the cache still starts and still serves reads consistent with the newest revision.
 */
class WatchCacheProgressTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final MemoryStore store = new MemoryStore();
  private WatchCache cache;

  @AfterEach
  void stop() {
    if (cache != null) {
      cache.close();
    }
    store.close();
  }

  @Test
  void startsAndCatchesUpThroughProgressWhenTheNewestRevisionsHaveNoEventsForIt()
      throws Exception {
    store.create("/registry/configmaps/default/a", configMap("a"));
    store.create("/outside/one", new byte[] {1});

    cache = start(store);

    assertThat(cache.revision()).isEqualTo(store.currentRevision());
    assertThat(cache.get("/registry/configmaps/default/a")).isPresent();
    store.create("/outside/two", new byte[] {2});
    cache.waitForRevision(store.currentRevision(), WAIT);
    assertThat(cache.revision()).isEqualTo(store.currentRevision());
    // History from before the start is still there to resume from.
    try (CacheWatch watch = cache.watch("/registry/", 0)) {
      assertThat(watch.next(WAIT)).get().extracting(CacheEvent::type)
          .isEqualTo(CacheEvent.Type.ADDED);
    }
  }

  @Test
  void startsAtTheNewestRevisionOnAStoreThatCannotReportProgress() throws Exception {
    store.create("/registry/configmaps/default/a", configMap("a"));
    store.create("/outside/one", new byte[] {1});
    Store withoutProgress = new WithoutProgress(store);

    cache = start(withoutProgress);

    assertThat(cache.revision()).isEqualTo(store.currentRevision());
    assertThat(cache.get("/registry/configmaps/default/a")).isPresent();
    KeyValue b = store.create("/registry/configmaps/default/b", configMap("b"));
    cache.waitForRevision(b.modRevision(), WAIT);
    assertThat(cache.get("/registry/configmaps/default/b")).isPresent();
  }

  private static WatchCache start(Store store) throws Exception {
    WatchCache started = new WatchCache(store, "/registry/", 1_000, 1_000);
    // A short timeout: waiting for an event that never comes would fail the start.
    started.start(WAIT);
    return started;
  }

  private static byte[] configMap(String name) {
    return ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"default\"}}").getBytes(StandardCharsets.UTF_8);
  }

  /** A store whose watches never report progress, as etcd before 3.4.31 / 3.5.13. */
  private static final class WithoutProgress extends ForwardingStore {
    WithoutProgress(Store delegate) {
      super(delegate);
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
      Watch watch = delegate.watch(prefix, afterRevision, new WatchListener() {
        @Override
        public void onEvent(WatchEvent event) {
          listener.onEvent(event);
        }

        @Override
        public void onClose(Optional<io.capstan.store.StoreException> error) {
          listener.onClose(error);
        }
      });
      return watch::close;
    }

    @Override
    public boolean supportsProgressRequests() {
      return false;
    }

    @Override
    public void close() {}
  }
}

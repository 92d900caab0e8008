package io.capstan.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.store.KeyValue;
import io.capstan.store.memory.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event history holds old versions as JSON; resuming from far back still sees them whole. */
class WatchCacheHistoryTest {

  private static final String KEY = "/registry/configmaps/default/history";
  private static final int CHANGES = WatchCache.RETIRE_AFTER * 2;

  private final MemoryStore store = new MemoryStore();
  private WatchCache cache;

  @BeforeEach
  void start() throws Exception {
    cache = new WatchCache(store, "/registry/", 50_000, 100_000);
    cache.start(Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    cache.close();
  }

  @Test
  void aWatchResumedBeforeManyChangesReceivesEveryVersionIntact() throws Exception {
    KeyValue first = store.create(KEY, configMap(0));
    long revision = first.modRevision();
    for (int i = 1; i <= CHANGES; i++) {
      revision = store.update(KEY, configMap(i), revision).modRevision();
    }
    KeyValue deleted = store.delete(KEY, revision);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cache.get(KEY).isEmpty());

    List<CacheEvent> events = new ArrayList<>();
    try (CacheWatch watch = cache.watch("/registry/configmaps/", first.modRevision() - 1)) {
      while (events.size() < CHANGES + 2) {
        Optional<CacheEvent> next = watch.next(Duration.ofSeconds(10));
        assertThat(next).as("event %d", events.size()).isPresent();
        events.add(next.get());
      }
    }

    assertThat(events.getFirst().type()).isEqualTo(CacheEvent.Type.ADDED);
    // Only the newest superseded versions stay decoded.
    assertThat(events.get(1).object().isRetired()).isTrue();
    assertThat(events.get(CHANGES).previous().orElseThrow().isRetired()).isFalse();
    for (int i = 1; i <= CHANGES; i++) {
      CacheEvent event = events.get(i);
      assertThat(event.type()).isEqualTo(CacheEvent.Type.MODIFIED);
      // Early versions were retired to JSON long ago; both the tree and the bytes still say what
      // was written, with the revision stamped in.
      assertThat(event.object().object().at("/data/n").asText()).isEqualTo(String.valueOf(i));
      assertThat(event.object().object().at("/metadata/resourceVersion").asText())
          .isEqualTo(Long.toString(event.revision()));
      assertThat(new String(event.object().json(), StandardCharsets.UTF_8))
          .contains("\"n\":\"" + i + "\"");
      assertThat(event.previous().orElseThrow().object().at("/data/n").asText())
          .isEqualTo(String.valueOf(i - 1));
    }
    CacheEvent last = events.getLast();
    assertThat(last.type()).isEqualTo(CacheEvent.Type.DELETED);
    assertThat(last.revision()).isEqualTo(deleted.modRevision());
    assertThat(last.object().object().at("/data/n").asText()).isEqualTo(String.valueOf(CHANGES));
  }

  private static byte[] configMap(int n) {
    return ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"history\","
        + "\"namespace\":\"default\"},\"data\":{\"n\":\"" + n + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}

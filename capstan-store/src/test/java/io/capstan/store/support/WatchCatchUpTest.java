package io.capstan.store.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.store.RecordingListener;
import io.capstan.store.Store;
import io.capstan.store.StoreException;
import io.capstan.store.Watch;
import io.capstan.store.memory.MemoryStore;
import io.capstan.store.sqlite.SqliteStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A watch whose listener falls behind by more than its queue holds drops the queue and catches up
 * from the store's history: nothing is lost or repeated, unless compaction took that history.
 */
@SuppressWarnings("try") // a watch is opened in try-with-resources only to be closed
class WatchCatchUpTest {

  private static final int QUEUE_CAPACITY = 2;

  record Case(String name, Function<Path, Store> open) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> stores() {
    return Stream.of(
        new Case("memory", dir -> new MemoryStore(QUEUE_CAPACITY)),
        new Case("sqlite", dir -> SqliteStore.open(dir.resolve("store.db"),
            SqliteStore.Options.defaults().withWatchQueueCapacity(QUEUE_CAPACITY))));
  }

  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void aListenerFarBehindCatchesUpFromHistoryExactlyOnce(Case c) {
    try (Store store = c.open().apply(dir)) {
      RecordingListener slow = RecordingListener.blocked();
      try (Watch watch = store.watch("/", store.currentRevision(), slow)) {
        List<Long> written = new ArrayList<>();
        written.add(store.create("/first", bytes("x")).modRevision());
        await().atMost(Duration.ofSeconds(10)).until(slow::isInsideOnEvent);
        for (int i = 0; i < 50; i++) {
          written.add(store.create("/k/" + i, bytes("v" + i)).modRevision());
        }

        slow.release();

        await().atMost(Duration.ofSeconds(10)).until(() -> slow.events().size() >= 51);
        assertThat(slow.revisions()).containsExactlyElementsOf(written);
        assertThat(slow.isClosed()).isFalse();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void aListenerOvertakenByCompactionEndsWithCompacted(Case c) {
    try (Store store = c.open().apply(dir)) {
      RecordingListener slow = RecordingListener.blocked();
      try (Watch watch = store.watch("/", store.currentRevision(), slow)) {
        store.create("/first", bytes("x"));
        await().atMost(Duration.ofSeconds(10)).until(slow::isInsideOnEvent);
        for (int i = 0; i < 10; i++) {
          store.create("/k/" + i, bytes("v" + i));
        }
        store.compact(store.currentRevision());

        slow.release();

        await().atMost(Duration.ofSeconds(10)).until(slow::isClosed);
        assertThat(slow.closeError()).containsInstanceOf(StoreException.Compacted.class);
        assertThat(slow.events()).hasSize(1);
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

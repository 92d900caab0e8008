package io.capstan.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.capstan.store.KeyValue;
import io.capstan.store.ListRequest;
import io.capstan.store.RecordingListener;
import io.capstan.store.StoreException;
import io.capstan.store.Watch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // a watch is opened in try-with-resources only to be closed
class SqliteRestartTest {

  @TempDir
  Path dir;

  private SqliteStore open() {
    return SqliteStore.open(dir.resolve("nested/store.db"), SqliteStore.Options.defaults());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void reopeningKeepsValuesAndRevisionsAndContinuesCounting() {
    KeyValue a;
    KeyValue b;
    long revision;
    try (SqliteStore store = open()) {
      a = store.create("/a", bytes("a1"));
      a = store.update("/a", bytes("a2"), a.modRevision());
      b = store.create("/b", bytes("b1"));
      store.create("/c", bytes("c1"));
      store.delete("/c", 0);
      revision = store.currentRevision();
    }

    try (SqliteStore store = open()) {
      assertThat(store.currentRevision()).isEqualTo(revision);
      assertThat(store.get("/a")).contains(a);
      assertThat(store.get("/b")).contains(b);
      assertThat(store.get("/c")).isEmpty();
      assertThat(store.list(ListRequest.all("/")).items()).containsExactly(a, b);
      assertThat(store.create("/d", bytes("d1")).modRevision()).isEqualTo(revision + 1);
    }
  }

  @Test
  void revisionsNeverGoBackEvenWhenCompactionRemovedTheNewestRows() {
    long revision;
    try (SqliteStore store = open()) {
      store.create("/a", bytes("1"));
      store.delete("/a", 0);
      revision = store.currentRevision();
      store.compact(revision);
    }

    try (SqliteStore store = open()) {
      assertThat(store.currentRevision()).isEqualTo(revision);
      assertThat(store.compactedRevision()).isEqualTo(revision);
      assertThat(store.create("/a", bytes("2")).modRevision()).isEqualTo(revision + 1);
    }
  }

  @Test
  void compactionSurvivesARestart() {
    long compactedAt;
    try (SqliteStore store = open()) {
      KeyValue a = store.create("/a", bytes("1"));
      store.update("/a", bytes("2"), a.modRevision());
      compactedAt = store.currentRevision();
      store.compact(compactedAt);
    }

    try (SqliteStore store = open()) {
      assertThat(store.compactedRevision()).isEqualTo(compactedAt);
      assertThatThrownBy(
          () -> store.list(ListRequest.all("/").atRevision(compactedAt - 1)))
          .isInstanceOf(StoreException.Compacted.class);
    }
  }

  @Test
  void aWatchAfterRestartReplaysHistoryWrittenBeforeIt() {
    try (SqliteStore store = open()) {
      store.create("/a", bytes("1"));
      store.create("/b", bytes("1"));
    }

    RecordingListener listener = RecordingListener.recording();
    try (SqliteStore store = open(); Watch watch = store.watch("/", 0, listener)) {
      store.create("/c", bytes("1"));
      await().atMost(Duration.ofSeconds(10)).until(() -> listener.events().size() >= 3);
      assertThat(listener.keys()).containsExactly("/a", "/b", "/c");
    }
  }
}

package io.capstan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The contract of watch: history then live changes, each exactly once and in order, filtered by
 * prefix, until the watch or the store is closed.
 */
@SuppressWarnings("try") // a watch is opened in try-with-resources only to be closed
public abstract class StoreWatchCases extends StoreListCases {

  @Test
  public void watchDeliversLiveChangesWithTheirPreviousValues() {
    RecordingListener listener = RecordingListener.recording();
    try (Watch watch = store.watch(root(), store.currentRevision(), listener)) {
      KeyValue created = store.create(key("a"), bytes("one"));
      KeyValue updated = store.update(key("a"), bytes("two"), created.modRevision());
      KeyValue deleted = store.delete(key("a"), updated.modRevision());

      eventually().until(() -> listener.events().size() >= 3);
      assertThat(listener.events()).containsExactly(
          new WatchEvent(WatchEvent.Type.PUT, created, Optional.empty()),
          new WatchEvent(WatchEvent.Type.PUT, updated, Optional.of(created)),
          new WatchEvent(WatchEvent.Type.DELETE, deleted, Optional.of(updated)));
      assertThat(listener.events().getFirst().isCreate()).isTrue();
      assertThat(listener.events().get(1).isCreate()).isFalse();
    }
  }

  @Test
  public void watchFromZeroReplaysAllHistoryThenGoesLive() {
    List<Long> written = new ArrayList<>(writeThree());
    RecordingListener listener = RecordingListener.recording();
    try (Watch watch = store.watch(root(), 0, listener)) {
      eventually().until(() -> listener.events().size() >= 3);
      written.addAll(writeThree());

      eventually().until(() -> listener.events().size() >= 6);
      assertThat(listener.revisions()).containsExactlyElementsOf(written);
      assertThat(listener.overlapped()).isFalse();
    }
  }

  @Test
  public void watchFromAnOldRevisionReplaysOnlyLaterChanges() {
    writeThree();
    long from = store.currentRevision();
    List<Long> later = writeThree();
    RecordingListener listener = RecordingListener.recording();
    try (Watch watch = store.watch(root(), from, listener)) {
      List<Long> live = writeThree();

      eventually().until(() -> listener.events().size() >= 6);
      assertThat(listener.revisions()).containsExactlyElementsOf(
          concat(later, live));
    }
  }

  @Test
  public void watchDeliversOnlyKeysUnderItsPrefix() {
    RecordingListener listener = RecordingListener.recording();
    try (Watch watch = store.watch(key("a/"), store.currentRevision(), listener)) {
      store.create(key("a/1"), bytes("in"));
      store.create(key("ab"), bytes("out"));
      store.create(key("b/1"), bytes("out"));
      store.create(key("a"), bytes("out"));
      store.create(key("a/2"), bytes("in, and the last write"));

      eventually().until(() -> listener.events().size() >= 2);
      assertThat(listener.keys()).containsExactly(key("a/1"), key("a/2"));
    }
  }

  @Test
  public void aProgressRequestReportsRevisionsThatCarriedNoEventForTheWatch() {
    org.junit.jupiter.api.Assumptions.assumeTrue(store.supportsProgressRequests(),
        "the store does not answer progress requests");
    RecordingListener listener = RecordingListener.recording();
    try (Watch watch = store.watch(key("a/"), store.currentRevision(), listener)) {
      KeyValue inside = store.create(key("a/1"), bytes("in"));
      KeyValue outside = store.create(key("b/1"), bytes("out"));

      eventually().until(() -> {
        watch.requestProgress();
        return listener.progress() >= outside.modRevision();
      });
      assertThat(listener.revisions()).containsExactly(inside.modRevision());
    }
  }

  @Test
  public void watchOpenedWhileWritesRunSeesEveryLaterChangeExactlyOnceInOrder()
      throws Exception {
    int writers = 4;
    int writesEach = 100;
    CountDownLatch halfway = new CountDownLatch(writers * writesEach / 2);
    RecordingListener listener = RecordingListener.recording();
    long from;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String mine = key("w" + w);
        done.add(pool.submit(() -> {
          KeyValue kv = store.create(mine, bytes("0"));
          halfway.countDown();
          for (int i = 1; i < writesEach; i++) {
            kv = store.update(mine, bytes(Integer.toString(i)), kv.modRevision());
            halfway.countDown();
          }
        }));
      }
      halfway.await();
      from = store.currentRevision();
      try (Watch watch = store.watch(root(), from, listener)) {
        for (Future<?> future : done) {
          future.get();
        }
        long end = store.currentRevision();

        eventually().until(() -> listener.events().size() >= end - from);
        assertThat(listener.revisions()).containsExactlyElementsOf(
            LongStream.rangeClosed(from + 1, end).boxed().toList());
      }
    }
  }

  @Test
  public void aSlowListenerDelaysOnlyItsOwnWatch() {
    RecordingListener slow = RecordingListener.blocked();
    RecordingListener fast = RecordingListener.recording();
    long from = store.currentRevision();
    try (Watch slowWatch = store.watch(root(), from, slow);
        Watch fastWatch = store.watch(root(), from, fast)) {
      List<Long> written = concat(writeThree(), writeThree());

      eventually().until(() -> fast.events().size() >= 6);
      assertThat(slow.events()).isEmpty();
      slow.release();
      eventually().until(() -> slow.events().size() >= 6);
      assertThat(slow.revisions()).containsExactlyElementsOf(written);
    }
  }

  @Test
  public void closingAWatchStopsItsDelivery() {
    RecordingListener closed = RecordingListener.recording();
    RecordingListener open = RecordingListener.recording();
    long from = store.currentRevision();
    try (Watch stays = store.watch(root(), from, open)) {
      Watch goes = store.watch(root(), from, closed);
      store.create(key("a"), bytes("1"));
      eventually().until(() -> closed.events().size() >= 1);

      goes.close();
      eventually().until(closed::isClosed);
      store.create(key("b"), bytes("1"));
      eventually().until(() -> open.events().size() >= 2);

      assertThat(closed.events()).hasSize(1);
      assertThat(closed.closeError()).isEmpty();
      goes.close();
      assertThat(closed.closeCount()).isEqualTo(1);
    }
  }

  @Test
  public void closingTheStoreEndsItsWatches() {
    RecordingListener listener = RecordingListener.recording();
    store.watch(root(), store.currentRevision(), listener);

    store.close();

    eventually().until(listener::isClosed);
    assertThat(listener.closeError()).isEmpty();
    assertThat(listener.closeCount()).isEqualTo(1);
  }

  @Test
  public void watchFromACompactedRevisionFails() {
    List<Long> written = writeThree();
    store.compact(written.getLast());

    assertThatThrownBy(() -> store.watch(root(), written.getFirst(), RecordingListener.recording()))
        .isInstanceOf(StoreException.Compacted.class);
    assertThatThrownBy(() -> store.watch(root(), 0, RecordingListener.recording()))
        .isInstanceOf(StoreException.Compacted.class);
  }

  @Test
  public void watchFromTheCompactedRevisionItselfSeesLaterChanges() {
    List<Long> before = writeThree();
    store.compact(before.getLast());
    List<Long> after = writeThree();
    RecordingListener listener = RecordingListener.recording();

    try (Watch watch = store.watch(root(), store.compactedRevision(), listener)) {
      eventually().until(() -> listener.events().size() >= 3);
      assertThat(listener.revisions()).containsExactlyElementsOf(after);
    }
  }

  /** Creates, updates and deletes a key; returns the three revisions. */
  protected List<Long> writeThree() {
    String name = key("k" + store.currentRevision());
    KeyValue created = store.create(name, bytes("1"));
    KeyValue updated = store.update(name, bytes("2"), created.modRevision());
    KeyValue deleted = store.delete(name, updated.modRevision());
    return List.of(created.modRevision(), updated.modRevision(), deleted.modRevision());
  }

  private static List<Long> concat(List<Long> first, List<Long> second) {
    List<Long> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}

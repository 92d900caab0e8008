package io.capstan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The {@link Store} contract, run against every backend: a backend's test extends this class and
 * implements {@link #newStore()}. The cases are split by concern into a chain of abstract classes
 * ({@link StoreWriteCases}, {@link StoreListCases}, {@link StoreWatchCases}) so that each file
 * stays readable; this class adds compaction and is the one to extend.
 */
public abstract class StoreConformanceTest extends StoreWatchCases {

  @Test
  public void compactionKeepsTheNewestValueOfEveryKey() {
    KeyValue a = store.create(key("a"), bytes("a1"));
    a = store.update(key("a"), bytes("a2"), a.modRevision());
    a = store.update(key("a"), bytes("a3"), a.modRevision());
    KeyValue b = store.create(key("b"), bytes("b1"));
    store.create(key("gone"), bytes("x"));
    store.delete(key("gone"), 0);
    long compactAt = store.currentRevision();

    store.compact(compactAt);

    assertThat(store.compactedRevision()).isEqualTo(compactAt);
    assertThat(store.get(key("a"))).contains(a);
    assertThat(store.get(key("b"))).contains(b);
    assertThat(store.get(key("gone"))).isEmpty();
    assertThat(store.list(ListRequest.all(root())).items()).containsExactly(a, b);
    KeyValue next = store.update(key("a"), bytes("a4"), a.modRevision());
    assertThat(next.modRevision()).isEqualTo(compactAt + 1);
    assertThat(next.createRevision()).isEqualTo(a.createRevision());
  }

  @Test
  public void compactionKeepsARecreatedKeyAndForgetsItsFormerLife() {
    KeyValue first = store.create(key("a"), bytes("first"));
    store.delete(key("a"), first.modRevision());
    KeyValue second = store.create(key("a"), bytes("second"));

    store.compact(store.currentRevision());

    assertThat(store.get(key("a"))).contains(second);
    assertThat(store.list(ListRequest.all(root())).items()).containsExactly(second);
  }

  @Test
  public void compactionBelowTheCompactedRevisionChangesNothing() {
    writeThree();
    long first = store.currentRevision();
    store.compact(first);
    writeThree();

    store.compact(first - 1);
    store.compact(first);

    assertThat(store.compactedRevision()).isEqualTo(first);
  }

  @Test
  public void compactionOfAFutureRevisionFails() {
    store.create(key("a"), bytes("1"));

    assertThatThrownBy(() -> store.compact(store.currentRevision() + 1))
        .isInstanceOf(StoreException.FutureRevision.class);
  }

  @Test
  public void aListAtTheCompactedRevisionSurvivesLaterWrites() {
    KeyValue a = store.create(key("a"), bytes("a1"));
    long compactAt = store.currentRevision();
    store.compact(compactAt);
    store.update(key("a"), bytes("a2"), a.modRevision());
    store.create(key("b"), bytes("b1"));

    assertThat(store.list(ListRequest.all(root()).atRevision(compactAt)).items())
        .containsExactly(a);
  }
}

package io.capstan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract of create, update, delete and get, alone and under concurrency. */
public abstract class StoreWriteCases extends StoreFixture {

  @Test
  public void createStoresTheValueAtTheNextRevision() {
    long before = store.currentRevision();

    KeyValue created = store.create(key("a"), bytes("one"));

    assertThat(created.modRevision()).isEqualTo(before + 1);
    assertThat(created.createRevision()).isEqualTo(created.modRevision());
    assertThat(created.valueAsString()).isEqualTo("one");
    assertThat(store.currentRevision()).isEqualTo(before + 1);
    assertThat(store.get(key("a"))).contains(created);
  }

  @Test
  public void createOfAnExistingKeyFailsWithKeyExists() {
    store.create(key("a"), bytes("one"));
    long before = store.currentRevision();

    assertThatThrownBy(() -> store.create(key("a"), bytes("two")))
        .isInstanceOf(StoreException.KeyExists.class);
    assertThat(store.get(key("a")).orElseThrow().valueAsString()).isEqualTo("one");
    assertThat(store.currentRevision()).isEqualTo(before);
  }

  @Test
  public void createAfterDeleteStartsANewIncarnation() {
    KeyValue first = store.create(key("a"), bytes("one"));
    store.delete(key("a"), first.modRevision());

    KeyValue second = store.create(key("a"), bytes("two"));

    assertThat(second.createRevision()).isEqualTo(second.modRevision())
        .isGreaterThan(first.createRevision());
  }

  @Test
  public void updateAtTheCurrentRevisionReplacesTheValue() {
    KeyValue created = store.create(key("a"), bytes("one"));

    KeyValue updated = store.update(key("a"), bytes("two"), created.modRevision());

    assertThat(updated.modRevision()).isEqualTo(created.modRevision() + 1);
    assertThat(updated.createRevision()).isEqualTo(created.createRevision());
    assertThat(store.get(key("a"))).contains(updated);
  }

  @Test
  public void updateAtAStaleRevisionConflictsAndCarriesTheCurrentValue() {
    KeyValue created = store.create(key("a"), bytes("one"));
    KeyValue updated = store.update(key("a"), bytes("two"), created.modRevision());
    long before = store.currentRevision();

    assertThatThrownBy(() -> store.update(key("a"), bytes("three"), created.modRevision()))
        .isInstanceOfSatisfying(StoreException.Conflict.class,
            conflict -> assertThat(conflict.current()).isEqualTo(updated));
    assertThat(store.get(key("a"))).contains(updated);
    assertThat(store.currentRevision()).isEqualTo(before);
  }

  @Test
  public void updateOfAMissingOrDeletedKeyFailsWithKeyNotFound() {
    KeyValue created = store.create(key("deleted"), bytes("one"));
    KeyValue deleted = store.delete(key("deleted"), 0);

    assertThatThrownBy(() -> store.update(key("missing"), bytes("x"), created.modRevision()))
        .isInstanceOf(StoreException.KeyNotFound.class);
    assertThatThrownBy(() -> store.update(key("deleted"), bytes("x"), deleted.modRevision()))
        .isInstanceOf(StoreException.KeyNotFound.class);
  }

  @Test
  public void deleteAtTheCurrentRevisionReturnsTheValueStampedWithTheDeletion() {
    KeyValue created = store.create(key("a"), bytes("one"));

    KeyValue deleted = store.delete(key("a"), created.modRevision());

    assertThat(deleted).isEqualTo(new KeyValue(
        key("a"), bytes("one"), created.createRevision(), created.modRevision() + 1));
    assertThat(store.currentRevision()).isEqualTo(deleted.modRevision());
    assertThat(store.get(key("a"))).isEmpty();
  }

  @Test
  public void deleteAtAStaleRevisionConflicts() {
    KeyValue created = store.create(key("a"), bytes("one"));
    KeyValue updated = store.update(key("a"), bytes("two"), created.modRevision());

    assertThatThrownBy(() -> store.delete(key("a"), created.modRevision()))
        .isInstanceOfSatisfying(StoreException.Conflict.class,
            conflict -> assertThat(conflict.current()).isEqualTo(updated));
    assertThat(store.get(key("a"))).contains(updated);
  }

  @Test
  public void deleteWithExpectedRevisionZeroIsUnconditional() {
    KeyValue created = store.create(key("a"), bytes("one"));
    KeyValue updated = store.update(key("a"), bytes("two"), created.modRevision());

    KeyValue deleted = store.delete(key("a"), 0);

    assertThat(deleted.valueAsString()).isEqualTo("two");
    assertThat(deleted.modRevision()).isEqualTo(updated.modRevision() + 1);
    assertThat(store.get(key("a"))).isEmpty();
  }

  @Test
  public void deleteOfAMissingKeyFailsWithKeyNotFound() {
    store.create(key("a"), bytes("one"));
    store.delete(key("a"), 0);

    assertThatThrownBy(() -> store.delete(key("a"), 0))
        .isInstanceOf(StoreException.KeyNotFound.class);
    assertThatThrownBy(() -> store.delete(key("never"), 0))
        .isInstanceOf(StoreException.KeyNotFound.class);
  }

  @Test
  public void revisionsIncreaseByOnePerWriteAcrossKeys() {
    long before = store.currentRevision();

    List<Long> revisions = List.of(
        store.create(key("a"), bytes("1")).modRevision(),
        store.create(key("b"), bytes("1")).modRevision(),
        store.update(key("a"), bytes("2"), before + 1).modRevision(),
        store.delete(key("b"), 0).modRevision(),
        store.create(key("c"), bytes("1")).modRevision());

    assertThat(revisions).containsExactly(
        before + 1, before + 2, before + 3, before + 4, before + 5);
  }

  @Test
  public void getOfAMissingKeyIsEmpty() {
    assertThat(store.get(key("missing"))).isEmpty();
  }

  record ValueCase(String name, byte[] value) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<ValueCase> values() {
    byte[] everyByte = new byte[256];
    IntStream.range(0, 256).forEach(i -> everyByte[i] = (byte) i);
    byte[] large = new byte[1 << 20];
    new Random(7).nextBytes(large);
    return Stream.of(
        new ValueCase("empty", new byte[0]),
        new ValueCase("every byte value", everyByte),
        new ValueCase("utf-8 text", bytes("grüße ✓ 𝄞")),
        new ValueCase("one mebibyte", large));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  public void valuesRoundTripUnchanged(ValueCase c) {
    KeyValue created = store.create(key("v"), c.value());
    assertThat(store.get(key("v")).orElseThrow().value()).isEqualTo(c.value());
    assertThat(store.list(ListRequest.all(root())).items()).singleElement()
        .satisfies(kv -> assertThat(kv.value()).isEqualTo(c.value()));

    KeyValue updated = store.update(key("v"), c.value(), created.modRevision());
    assertThat(store.get(key("v")).orElseThrow().value()).isEqualTo(c.value());

    assertThat(store.delete(key("v"), updated.modRevision()).value()).isEqualTo(c.value());
  }

  @Test
  public void concurrentWritersAllSucceedWithUniqueConsecutiveRevisions() throws Exception {
    int threads = 16;
    int writesPerThread = 200;
    long before = store.currentRevision();
    ConcurrentLinkedQueue<Long> revisions = new ConcurrentLinkedQueue<>();

    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String mine = key("t" + t);
        done.add(pool.submit(() -> {
          KeyValue kv = store.create(mine, bytes("0"));
          revisions.add(kv.modRevision());
          for (int i = 1; i < writesPerThread; i++) {
            kv = store.update(mine, bytes(Integer.toString(i)), kv.modRevision());
            revisions.add(kv.modRevision());
          }
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    }

    long total = (long) threads * writesPerThread;
    assertThat(revisions).doesNotHaveDuplicates().hasSize((int) total)
        .containsExactlyInAnyOrderElementsOf(
            LongStream.rangeClosed(before + 1, before + total).boxed().toList());
    assertThat(store.currentRevision()).isEqualTo(before + total);
    assertThat(store.get(key("t3")).orElseThrow().valueAsString())
        .isEqualTo(Integer.toString(writesPerThread - 1));
  }

  @Test
  public void concurrentCompareAndSwapLosesNoIncrement() throws Exception {
    int threads = 8;
    int incrementsPerThread = 25;
    store.create(key("counter"), bytes("0"));

    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < incrementsPerThread; i++) {
            incrementCounter(key("counter"));
          }
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    }

    assertThat(store.get(key("counter")).orElseThrow().valueAsString())
        .isEqualTo(Integer.toString(threads * incrementsPerThread));
  }

  private void incrementCounter(String counter) {
    KeyValue current = store.get(counter).orElseThrow();
    while (true) {
      int next = Integer.parseInt(current.valueAsString()) + 1;
      try {
        store.update(counter, bytes(Integer.toString(next)), current.modRevision());
        return;
      } catch (StoreException.Conflict conflict) {
        current = conflict.current();
      }
    }
  }
}

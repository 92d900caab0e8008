package io.capstan.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.store.KeyValue;
import io.capstan.store.Store;
import io.capstan.store.StoreConformanceTest;
import org.junit.jupiter.api.Test;

class MemoryStoreTest extends StoreConformanceTest {

  @Override
  protected Store newStore() {
    return new MemoryStore();
  }

  @Test
  public void compactionForgetsSupersededRecordsAndDeletions() {
    MemoryStore memory = (MemoryStore) store;
    KeyValue a = memory.create(key("a"), bytes("1"));
    for (int i = 2; i <= 5; i++) {
      a = memory.update(key("a"), bytes(Integer.toString(i)), a.modRevision());
    }
    memory.create(key("gone"), bytes("x"));
    memory.delete(key("gone"), 0);
    memory.create(key("b"), bytes("1"));
    assertThat(memory.retainedRecords()).isEqualTo(8);

    memory.compact(memory.currentRevision() - 1);

    assertThat(memory.retainedRecords()).isEqualTo(2);
    assertThat(memory.get(key("a"))).contains(a);
  }
}

package io.capstan.store.sqlite;

/** One request to the writer thread. */
sealed interface WriteOp {

  record Create(String key, byte[] value) implements WriteOp {}

  record Update(String key, byte[] value, long expectedModRevision) implements WriteOp {}

  record Delete(String key, long expectedModRevision) implements WriteOp {}

  record Compact(long revision) implements WriteOp {}
}

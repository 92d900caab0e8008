package io.capstan.apiserver.allocation;

import java.util.BitSet;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * Which of the offsets {@code 0..size-1} are taken; not thread-safe (the allocators lock).
 * A free offset is picked by starting at a random one and scanning forward with wrap-around,
 * so picks are spread over the range yet always succeed while anything is free.
 */
final class OffsetSet {

  private final int size;
  private final BitSet taken;
  private int count;

  OffsetSet(int size) {
    this.size = size;
    this.taken = new BitSet(size);
  }

  int size() {
    return size;
  }

  int count() {
    return count;
  }

  boolean has(int offset) {
    return taken.get(offset);
  }

  /** Takes {@code offset}; false if it was already taken. */
  boolean take(int offset) {
    if (taken.get(offset)) {
      return false;
    }
    taken.set(offset);
    count++;
    return true;
  }

  void free(int offset) {
    if (taken.get(offset)) {
      taken.clear(offset);
      count--;
    }
  }

  void clear() {
    taken.clear();
    count = 0;
  }

  /** A free offset, not taken; empty when every offset is taken. */
  OptionalInt pickFree(RandomGenerator random) {
    if (count >= size) {
      return OptionalInt.empty();
    }
    int start = random.nextInt(size);
    int found = taken.nextClearBit(start);
    if (found >= size) {
      found = taken.nextClearBit(0);
    }
    return found < size ? OptionalInt.of(found) : OptionalInt.empty();
  }
}

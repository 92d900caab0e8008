package io.capstan.apiserver.allocation;

import java.util.random.RandomGenerator;

/**
 * Node ports ({@code pkg/registry/core/service/portallocator}) from an inclusive range,
 * Kubernetes' default being 30000-32767, picked at random when none is requested. Thread-safe.
 */
public final class PortAllocator {

  public static final int DEFAULT_FIRST = 30000;
  public static final int DEFAULT_LAST = 32767;

  private final int first;
  private final int last;
  private final RandomGenerator random;
  private final OffsetSet taken;

  public PortAllocator(int first, int last, RandomGenerator random) {
    this.first = first;
    this.last = last;
    this.random = random;
    this.taken = new OffsetSet(last - first + 1);
  }

  public static PortAllocator defaultRange(RandomGenerator random) {
    return new PortAllocator(DEFAULT_FIRST, DEFAULT_LAST, random);
  }

  /**
   * Reserves {@code port}.
   *
   * @throws AllocationException if it is outside the range or already reserved
   */
  public synchronized void allocate(int port) {
    checkInRange(port);
    if (!taken.take(port - first)) {
      throw new AllocationException("provided port is already allocated", false);
    }
  }

  public void checkInRange(int port) {
    if (port < first || port > last) {
      throw new AllocationException("provided port is not in the valid range. The range of valid"
          + " ports is " + first + "-" + last, false);
    }
  }

  /** Reserves a free port chosen at random. */
  public synchronized int allocateNext() {
    int offset = taken.pickFree(random)
        .orElseThrow(() -> new AllocationException("range is full", true));
    taken.take(offset);
    return first + offset;
  }

  /** A port free right now, not reserved: what a dry run reports. */
  public synchronized int peekNext() {
    return first + taken.pickFree(random)
        .orElseThrow(() -> new AllocationException("range is full", true));
  }

  /** Gives {@code port} back; a no-op outside the range or when not reserved. */
  public synchronized void release(int port) {
    if (port >= first && port <= last) {
      taken.free(port - first);
    }
  }

  public synchronized boolean has(int port) {
    return port >= first && port <= last && taken.has(port - first);
  }
}

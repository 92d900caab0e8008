package io.capstan.apiserver.allocation;

import java.util.Optional;
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
  private final Optional<StoreClaims> claims;

  public PortAllocator(int first, int last, RandomGenerator random) {
    this(first, last, random, Optional.empty());
  }

  /** With {@code claims}, a port is reserved only once claimed in the shared store. */
  public PortAllocator(int first, int last, RandomGenerator random,
      Optional<StoreClaims> claims) {
    this.first = first;
    this.last = last;
    this.random = random;
    this.taken = new OffsetSet(last - first + 1);
    this.claims = claims;
  }

  public static PortAllocator defaultRange(RandomGenerator random) {
    return new PortAllocator(DEFAULT_FIRST, DEFAULT_LAST, random);
  }

  public static PortAllocator defaultRange(RandomGenerator random,
      Optional<StoreClaims> claims) {
    return new PortAllocator(DEFAULT_FIRST, DEFAULT_LAST, random, claims);
  }

  /**
   * Reserves {@code port}.
   *
   * @throws AllocationException if it is outside the range or already reserved
   */
  public synchronized void allocate(int port) {
    checkInRange(port);
    if (claims.isPresent()) {
      // This server's memory may be stale either way; the store decides.
      boolean claimed = claims.get().claim(Integer.toString(port));
      taken.take(port - first);
      if (!claimed) {
        throw new AllocationException("provided port is already allocated", false);
      }
      return;
    }
    if (!taken.take(port - first)) {
      throw new AllocationException("provided port is already allocated", false);
    }
  }

  /**
   * Marks {@code port} as held by a stored Service, when the server starts; with claims it also
   * claims it if nobody has, without a second owner is an error as in {@link #allocate}.
   */
  public synchronized void restore(int port) {
    if (claims.isPresent()) {
      checkInRange(port);
      claims.get().claim(Integer.toString(port));
      taken.take(port - first);
      return;
    }
    allocate(port);
  }

  public void checkInRange(int port) {
    if (port < first || port > last) {
      throw new AllocationException("provided port is not in the valid range. The range of valid"
          + " ports is " + first + "-" + last, false);
    }
  }

  /** Reserves a free port chosen at random. */
  public synchronized int allocateNext() {
    if (claims.isEmpty()) {
      int offset = taken.pickFree(random)
          .orElseThrow(() -> new AllocationException("range is full", true));
      taken.take(offset);
      return first + offset;
    }
    boolean reloaded = false;
    while (true) {
      java.util.OptionalInt free = taken.pickFree(random);
      if (free.isEmpty()) {
        if (reloaded) {
          throw new AllocationException("range is full", true);
        }
        // Other servers may have given ports back since this one last looked.
        taken.clear();
        for (String held : claims.get().held()) {
          int port = Integer.parseInt(held);
          if (port >= first && port <= last) {
            taken.take(port - first);
          }
        }
        reloaded = true;
        continue;
      }
      taken.take(free.getAsInt());
      if (claims.get().claim(Integer.toString(first + free.getAsInt()))) {
        return first + free.getAsInt();
      }
    }
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
      claims.ifPresent(c -> c.release(Integer.toString(port)));
    }
  }

  public synchronized boolean has(int port) {
    return port >= first && port <= last && taken.has(port - first);
  }
}

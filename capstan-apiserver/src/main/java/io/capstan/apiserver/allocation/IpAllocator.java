package io.capstan.apiserver.allocation;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * Cluster IPs from one IPv4 service CIDR ({@code pkg/registry/core/service/ipallocator}): every
 * address but the network and broadcast addresses, picked at random when none is requested.
 * Thread-safe: concurrent creates never get the same address. With {@link StoreClaims} (servers
 * sharing a store) an address is reserved only once claimed in the store, and what this allocator
 * remembers is a hint for picking free ones.
 */
public final class IpAllocator {

  private final Ipv4Cidr cidr;
  private final RandomGenerator random;
  /** Offset {@code i} here is the address {@code i + 1} places after the network address. */
  private final OffsetSet taken;
  private final Optional<StoreClaims> claims;

  public IpAllocator(Ipv4Cidr cidr, RandomGenerator random) {
    this(cidr, random, Optional.empty());
  }

  public IpAllocator(Ipv4Cidr cidr, RandomGenerator random, Optional<StoreClaims> claims) {
    this.cidr = cidr;
    this.random = random;
    this.taken = new OffsetSet((int) Math.max(0, cidr.size() - 2));
    this.claims = claims;
  }

  public Ipv4Cidr cidr() {
    return cidr;
  }

  /** The first usable address, which Kubernetes gives the {@code kubernetes} Service. */
  public String firstAddress() {
    return cidr.address(1);
  }

  /**
   * Reserves {@code ip}.
   *
   * @throws AllocationException if it is outside the range or already reserved
   */
  public synchronized void allocate(String ip) {
    int offset = offsetOf(ip);
    if (claims.isPresent()) {
      // This server's memory may be stale either way; the store decides.
      if (!claims.get().claim(ip)) {
        taken.take(offset);
        throw new AllocationException("provided IP is already allocated", false);
      }
      taken.take(offset);
      return;
    }
    if (!taken.take(offset)) {
      throw new AllocationException("provided IP is already allocated", false);
    }
  }

  /**
   * Marks {@code ip} as held by a stored Service, when the server starts. With claims it also
   * claims it if nobody has (a Service stored before claims were kept); without, a second owner
   * is an error as in {@link #allocate}.
   */
  public synchronized void restore(String ip) {
    if (claims.isPresent()) {
      int offset = offsetOf(ip);
      claims.get().claim(ip);
      taken.take(offset);
      return;
    }
    allocate(ip);
  }

  /**
   * Checks what {@link #allocate} checks without reserving anything. Like Kubernetes' dry run it
   * checks the range only: whether the address is free is racy and not worth answering.
   */
  public void checkInRange(String ip) {
    offsetOf(ip);
  }

  /** Reserves a free address chosen at random. */
  public synchronized String allocateNext() {
    if (claims.isEmpty()) {
      int offset = taken.pickFree(random)
          .orElseThrow(() -> new AllocationException("range is full", true));
      taken.take(offset);
      return cidr.address(offset + 1L);
    }
    boolean reloaded = false;
    while (true) {
      java.util.OptionalInt free = taken.pickFree(random);
      if (free.isEmpty()) {
        if (reloaded) {
          throw new AllocationException("range is full", true);
        }
        // Other servers may have given addresses back since this one last looked.
        reload(claims.get().held());
        reloaded = true;
        continue;
      }
      taken.take(free.getAsInt());
      String ip = cidr.address(free.getAsInt() + 1L);
      if (claims.get().claim(ip)) {
        return ip;
      }
    }
  }

  /** Gives {@code ip} back; a no-op for addresses outside the range or not reserved. */
  public synchronized void release(String ip) {
    find(ip).ifPresent(offset -> taken.free((int) offset));
    claims.ifPresent(c -> c.release(ip));
  }

  private void reload(java.util.Set<String> held) {
    taken.clear();
    for (String ip : held) {
      find(ip).ifPresent(offset -> taken.take((int) offset));
    }
  }

  public synchronized boolean has(String ip) {
    OptionalLong offset = find(ip);
    return offset.isPresent() && taken.has((int) offset.getAsLong());
  }

  public synchronized int used() {
    return taken.count();
  }

  private int offsetOf(String ip) {
    OptionalLong offset = find(ip);
    if (offset.isEmpty()) {
      throw new AllocationException("the provided IP (" + ip + ") is not in the valid range."
          + " The range of valid IPs is " + cidr, false);
    }
    return (int) offset.getAsLong();
  }

  private OptionalLong find(String ip) {
    OptionalLong offset = cidr.offsetOf(ip);
    if (offset.isEmpty() || offset.getAsLong() < 1 || offset.getAsLong() > taken.size()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(offset.getAsLong() - 1);
  }
}

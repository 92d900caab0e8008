package io.capstan.node.agent;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Hands out pod addresses from an IPv4 CIDR (by default 127.1.0.0/16, all loopback, so every pod
 * has its own address without any network set-up). The range is either given up front or, for a
 * node whose range the cluster allocates ({@code spec.podCIDR}), {@link #assign assigned} once the
 * Node has it and before any pod starts. The first two addresses of the range (the
 * network address and the gateway's, by convention) and the last (broadcast) are never given out.
 * A pod keeps its address for its whole life; after an agent restart it asks for the one its
 * status shows, so it keeps it when it is still free.
 */
final class PodAddresses {

  private int first;
  private int last;
  private boolean assigned;
  private final Map<String, Integer> byPod = new HashMap<>();
  private final TreeSet<Integer> used = new TreeSet<>();
  private int next;

  /** Addresses from {@code cidr}; an empty one means "assigned later". */
  PodAddresses(String cidr) {
    if (!cidr.isEmpty()) {
      assign(cidr);
    }
  }

  /** Sets the range; a node's range never changes, so a second call must name the same one. */
  synchronized void assign(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR: " + cidr);
    }
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    if (prefix < 8 || prefix > 30) {
      throw new IllegalArgumentException("pod CIDR prefix must be /8 to /30: " + cidr);
    }
    int mask = (int) (0xffffffffL << (32 - prefix));
    int network = parse(cidr.substring(0, slash)) & mask;
    if (assigned && (first != network + 2 || last != (network | ~mask) - 1)) {
      throw new IllegalStateException("the pod CIDR is already assigned; cannot change it to "
          + cidr);
    }
    this.first = network + 2;
    this.last = (network | ~mask) - 1;
    if (!assigned) {
      this.next = first;
    }
    this.assigned = true;
  }

  /** The pod's address: the one it has, else {@code preferred} if free and in range, else the next. */
  synchronized String allocate(String podUid, Optional<String> preferred) {
    Integer held = byPod.get(podUid);
    if (held != null) {
      return format(held);
    }
    if (!assigned) {
      throw new IllegalStateException("the node has no pod CIDR yet");
    }
    Optional<Integer> wanted = preferred.flatMap(PodAddresses::tryParse)
        .filter(address -> inRange(address) && !used.contains(address));
    int address = wanted.orElseGet(this::nextFree);
    byPod.put(podUid, address);
    used.add(address);
    return format(address);
  }

  /** Gives the pod's address back; a no-op for a pod that has none. */
  synchronized void release(String podUid) {
    Integer address = byPod.remove(podUid);
    if (address != null) {
      used.remove(address);
    }
  }

  synchronized Optional<String> addressOf(String podUid) {
    return Optional.ofNullable(byPod.get(podUid)).map(PodAddresses::format);
  }

  /** Round-robin from the last allocation, so a released address is not reused at once. */
  private int nextFree() {
    long size = (long) last - first + 1;
    if (used.size() >= size) {
      throw new IllegalStateException("no free pod address left in the pod CIDR");
    }
    int candidate = next;
    while (used.contains(candidate)) {
      candidate = candidate == last ? first : candidate + 1;
    }
    next = candidate == last ? first : candidate + 1;
    return candidate;
  }

  private boolean inRange(int address) {
    return Integer.compareUnsigned(address, first) >= 0
        && Integer.compareUnsigned(address, last) <= 0;
  }

  private static Optional<Integer> tryParse(String address) {
    try {
      return Optional.of(parse(address));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static int parse(String address) {
    String[] parts = address.trim().split("\\.");
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + address);
    }
    int value = 0;
    for (String part : parts) {
      int octet = Integer.parseInt(part);
      if (octet < 0 || octet > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + address);
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  private static String format(int address) {
    return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "."
        + ((address >>> 8) & 0xff) + "." + (address & 0xff);
  }
}

package io.capstan.controllers.nodeipam;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * The cluster pod range cut into per-node ranges of one size: {@code 127.1.0.0/16} with a mask of
 * 24 is 256 ranges, {@code 127.1.0.0/24} to {@code 127.1.255.0/24}. Ranges are numbered from 0 in
 * address order; pure arithmetic, no state.
 *
 * @param network the cluster range's first address
 * @param clusterPrefix the cluster range's prefix length
 * @param nodePrefix each node's prefix length, from {@code clusterPrefix} to 30
 */
public record PodCidrRanges(int network, int clusterPrefix, int nodePrefix) {

  public PodCidrRanges {
    if (clusterPrefix < 0 || clusterPrefix > 30) {
      throw new IllegalArgumentException("the cluster prefix must be /0 to /30");
    }
    if (nodePrefix < clusterPrefix || nodePrefix > 30) {
      throw new IllegalArgumentException("the node CIDR mask size " + nodePrefix
          + " must be from the cluster CIDR's " + clusterPrefix + " to 30");
    }
  }

  /** Parses {@code a.b.c.d/n}; the host bits are cleared. */
  public static PodCidrRanges of(String clusterCidr, int nodePrefix) {
    Cidr cidr = Cidr.parse(clusterCidr).orElseThrow(() -> new IllegalArgumentException(
        "not an IPv4 CIDR: " + clusterCidr));
    return new PodCidrRanges(cidr.network(), cidr.prefix(), nodePrefix);
  }

  /** How many node ranges there are. */
  public long count() {
    return 1L << (nodePrefix - clusterPrefix);
  }

  /** Range {@code index} as text, e.g. {@code 127.1.3.0/24}. */
  public String range(long index) {
    if (index < 0 || index >= count()) {
      throw new IndexOutOfBoundsException("range " + index + " of " + count());
    }
    int address = network + (int) (index << (32 - nodePrefix));
    return Cidr.format(address) + "/" + nodePrefix;
  }

  /** The index of {@code cidr} if it is one of these ranges (another size or place: empty). */
  public Optional<Long> indexOf(String cidr) {
    Optional<Cidr> parsed = Cidr.parse(cidr);
    if (parsed.isEmpty() || parsed.get().prefix() != nodePrefix) {
      return Optional.empty();
    }
    int clusterMask = clusterPrefix == 0 ? 0 : (int) (0xffffffffL << (32 - clusterPrefix));
    if ((parsed.get().network() & clusterMask) != network) {
      return Optional.empty();
    }
    return Optional.of(Integer.toUnsignedLong(parsed.get().network() - network)
        >>> (32 - nodePrefix));
  }

  /**
   * The indices of the ranges {@code cidr} overlaps, as kube-controller-manager's {@code
   * cidrset.Occupy}: a node range itself, every range inside a larger CIDR (a Node that was given
   * a whole {@code /16} holds all its {@code /24}s), or the one range around a smaller one.
   * Outside the cluster range, or not a CIDR: none.
   */
  public List<Long> overlapping(String cidr) {
    Optional<Cidr> parsed = Cidr.parse(cidr);
    if (parsed.isEmpty()) {
      return List.of();
    }
    long clusterFirst = Integer.toUnsignedLong(network);
    long clusterLast = clusterFirst + (1L << (32 - clusterPrefix)) - 1;
    long first = Math.max(clusterFirst, Integer.toUnsignedLong(parsed.get().network()));
    long last = Math.min(clusterLast, Integer.toUnsignedLong(parsed.get().network())
        + (1L << (32 - parsed.get().prefix())) - 1);
    if (first > last) {
      return List.of();
    }
    int shift = 32 - nodePrefix;
    return LongStream.rangeClosed((first - clusterFirst) >>> shift,
        (last - clusterFirst) >>> shift).boxed().toList();
  }

  /** The first range not in {@code used}, if any is left. */
  public Optional<String> firstFree(Set<Long> used) {
    for (long index = 0; index < count(); index++) {
      if (!used.contains(index)) {
        return Optional.of(range(index));
      }
    }
    return Optional.empty();
  }

  /** An IPv4 network and prefix length. */
  record Cidr(int network, int prefix) {

    static Optional<Cidr> parse(String text) {
      String[] parts = text.trim().split("/", -1);
      if (parts.length != 2 || !parts[1].matches("\\d{1,2}")) {
        return Optional.empty();
      }
      int prefix = Integer.parseInt(parts[1]);
      String[] octets = parts[0].split("\\.", -1);
      if (prefix > 32 || octets.length != 4) {
        return Optional.empty();
      }
      int address = 0;
      for (String octet : octets) {
        if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
          return Optional.empty();
        }
        address = (address << 8) | Integer.parseInt(octet);
      }
      int mask = prefix == 0 ? 0 : (int) (0xffffffffL << (32 - prefix));
      return Optional.of(new Cidr(address & mask, prefix));
    }

    static String format(int address) {
      return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "."
          + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }
  }
}

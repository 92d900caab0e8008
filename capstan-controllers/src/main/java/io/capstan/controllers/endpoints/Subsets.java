package io.capstan.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code endpoints.RepackSubsets}: the canonical form of a list of subsets. Each distinct port is mapped to the
 * addresses offering it (an address that is not ready on any subset for that port stays not ready: not ready trumps
 * ready), then ports with exactly the same addresses and readiness are grouped into one subset. For example, pod A
 * ready on ports 80 and 443 and pod B ready on 80 only give {@code [{A: 443}, {A, B: 80}]}. Addresses are identified by
 * IP and target UID; a subset without ports keeps its addresses (upstream's sentinel port).
 *
 * <p>Upstream sorts subsets and their ports by an MD5 hash of their Go representation, an order no client can rely on;
 * here subsets are sorted by their ports and then addresses, and ports by name, number and protocol, so the result is
 * just as deterministic.
 */
public final class Subsets {
  /** {@code maxCapacity}: the most addresses one Endpoints object lists. */
  public static final int MAX_CAPACITY = 1000;

  private static final Comparator<EndpointAddress> BY_IP_AND_UID = Comparator
      .comparing((EndpointAddress a) -> nullToEmpty(a.getIp()))
      .thenComparing(a -> a.getTargetRef() == null ? "" : nullToEmpty(a.getTargetRef().getUid()));
  private static final Comparator<EndpointPort> PORT_ORDER = Comparator
      .comparing((EndpointPort p) -> nullToEmpty(p.getName()))
      .thenComparing(p -> p.getPort() == null ? 0 : p.getPort())
      .thenComparing(p -> nullToEmpty(p.getProtocol()))
      .thenComparing(p -> nullToEmpty(p.getAppProtocol()));

  private Subsets() {}

  private record AddressKey(String ip, String uid) implements Comparable<AddressKey> {
    static AddressKey of(EndpointAddress address) {
      return new AddressKey(nullToEmpty(address.getIp()),
          address.getTargetRef() == null ? "" : nullToEmpty(address.getTargetRef().getUid()));
    }

    @Override
    public int compareTo(AddressKey o) {
      return Comparator.comparing(AddressKey::ip).thenComparing(AddressKey::uid).compare(this, o);
    }
  }

  /** A port's identity; {@code null} stands for upstream's "no ports" sentinel. */
  private record PortKey(String name, Integer port, String protocol, String appProtocol) {
    static PortKey of(EndpointPort port) {
      return new PortKey(nullToEmpty(port.getName()), port.getPort(), nullToEmpty(port.getProtocol()),
          nullToEmpty(port.getAppProtocol()));
    }
  }

  public static List<EndpointSubset> repack(List<EndpointSubset> subsets) {
    Map<AddressKey, EndpointAddress> addresses = new LinkedHashMap<>();
    Map<PortKey, EndpointPort> ports = new LinkedHashMap<>();
    Map<PortKey, TreeMap<AddressKey, Boolean>> readinessByPort = new LinkedHashMap<>();
    PortKey sentinel = new PortKey("", -1, "", "");
    for (EndpointSubset subset : subsets) {
      List<EndpointPort> subsetPorts = orEmpty(subset.getPorts());
      List<PortKey> keys = new ArrayList<>();
      if (subsetPorts.isEmpty()) {
        keys.add(sentinel);
      }
      for (EndpointPort port : subsetPorts) {
        PortKey key = PortKey.of(port);
        ports.putIfAbsent(key, port);
        keys.add(key);
      }
      for (PortKey key : keys) {
        TreeMap<AddressKey, Boolean> readiness = readinessByPort.computeIfAbsent(key, k -> new TreeMap<>());
        record(orEmpty(subset.getAddresses()), true, addresses, readiness);
        record(orEmpty(subset.getNotReadyAddresses()), false, addresses, readiness);
      }
    }
    Map<Map<AddressKey, Boolean>, List<EndpointPort>> portsByAddresses = new LinkedHashMap<>();
    for (var entry : readinessByPort.entrySet()) {
      List<EndpointPort> group = portsByAddresses.computeIfAbsent(entry.getValue(), k -> new ArrayList<>());
      if (!entry.getKey().equals(sentinel)) {
        group.add(ports.get(entry.getKey()));
      }
    }
    List<EndpointSubset> result = new ArrayList<>();
    for (var entry : portsByAddresses.entrySet()) {
      List<EndpointAddress> ready = new ArrayList<>();
      List<EndpointAddress> notReady = new ArrayList<>();
      entry.getKey().forEach((key, isReady) -> (isReady ? ready : notReady).add(addresses.get(key)));
      if (ready.isEmpty() && notReady.isEmpty()) {
        continue;
      }
      ready.sort(BY_IP_AND_UID);
      notReady.sort(BY_IP_AND_UID);
      List<EndpointPort> groupPorts = new ArrayList<>(entry.getValue());
      groupPorts.sort(PORT_ORDER);
      result.add(new EndpointSubsetBuilder().withAddresses(ready).withNotReadyAddresses(notReady)
          .withPorts(groupPorts).build());
    }
    result.sort(Comparator.comparing(Subsets::sortKey));
    return result;
  }

  private static void record(List<EndpointAddress> list, boolean ready, Map<AddressKey, EndpointAddress> addresses,
                             Map<AddressKey, Boolean> readiness) {
    for (EndpointAddress address : list) {
      AddressKey key = AddressKey.of(address);
      addresses.putIfAbsent(key, address);
      // Not ready trumps ready: only a first sighting or a ready one may be overwritten.
      if (readiness.getOrDefault(key, true)) {
        readiness.put(key, ready);
      }
    }
  }

  private static String sortKey(EndpointSubset subset) {
    StringBuilder key = new StringBuilder();
    for (EndpointPort port : orEmpty(subset.getPorts())) {
      key.append(nullToEmpty(port.getName())).append('/').append(port.getPort()).append('/')
          .append(nullToEmpty(port.getProtocol())).append(',');
    }
    key.append('|');
    for (EndpointAddress address : orEmpty(subset.getAddresses())) {
      key.append(address.getIp()).append(',');
    }
    key.append('|');
    for (EndpointAddress address : orEmpty(subset.getNotReadyAddresses())) {
      key.append(address.getIp()).append(',');
    }
    return key.toString();
  }

  /** All addresses, ready or not, of the subsets. */
  public static int addressCount(List<EndpointSubset> subsets) {
    return subsets.stream()
        .mapToInt(s -> orEmpty(s.getAddresses()).size() + orEmpty(s.getNotReadyAddresses()).size()).sum();
  }

  /**
   * {@code truncateEndpoints}: when the subsets list more than {@link #MAX_CAPACITY} addresses, keeps
   * {@link #MAX_CAPACITY}, dropping not-ready addresses first (all of them once the ready ones alone are too many) and
   * taking from each subset in proportion to its share, rounded up. Returns the subsets unchanged when they fit.
   */
  public static List<EndpointSubset> truncate(List<EndpointSubset> subsets) {
    int totalReady = subsets.stream().mapToInt(s -> orEmpty(s.getAddresses()).size()).sum();
    int totalNotReady = subsets.stream().mapToInt(s -> orEmpty(s.getNotReadyAddresses()).size()).sum();
    if (totalReady + totalNotReady <= MAX_CAPACITY) {
      return subsets;
    }
    boolean truncateReady = totalReady > MAX_CAPACITY;
    int max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - totalReady;
    int total = truncateReady ? totalReady : totalNotReady;
    int canBeAdded = max;
    List<EndpointSubset> result = new ArrayList<>();
    for (EndpointSubset subset : subsets) {
      List<EndpointAddress> pool = orEmpty(truncateReady ? subset.getAddresses() : subset.getNotReadyAddresses());
      int toBeAdded = Math.min((int) Math.ceil((double) pool.size() / total * max), canBeAdded);
      List<EndpointAddress> kept = new ArrayList<>(pool.subList(0, Math.min(toBeAdded, pool.size())));
      canBeAdded -= kept.size();
      EndpointSubsetBuilder builder = new EndpointSubsetBuilder(subset);
      if (truncateReady) {
        builder.withAddresses(kept).withNotReadyAddresses(new ArrayList<>());
      } else {
        builder.withNotReadyAddresses(kept);
      }
      result.add(builder.build());
    }
    return result;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String nullToEmpty(String s) {
    return Objects.requireNonNullElse(s, "");
  }
}

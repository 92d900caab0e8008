package io.capstan.node.simulated;

import java.time.Duration;
import java.util.Map;

/**
 * How many simulated nodes to run and how they behave.
 *
 * @param namePrefix node names are this prefix followed by 0, 1, ...
 * @param count number of nodes
 * @param capacity node capacity (and allocatable), e.g. cpu, memory, pods
 * @param startDelay from first seeing a bound pod to its containers running
 * @param readyDelay from running to ready (stands in for readiness probes)
 * @param stopDelay longest time a terminating pod lingers (its grace period may be shorter)
 * @param heartbeatInterval how often each node's Lease is renewed
 * @param nodeStatusInterval how often each node's Ready condition heartbeat is refreshed
 * @param backoffScale factor on the crash-loop back-off, below 1 to make tests quick
 */
public record SimulatedNodesConfig(
    String namePrefix,
    int count,
    Map<String, String> capacity,
    Duration startDelay,
    Duration readyDelay,
    Duration stopDelay,
    Duration heartbeatInterval,
    Duration nodeStatusInterval,
    double backoffScale) {

  public SimulatedNodesConfig {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()
        || nodeStatusInterval.isZero() || nodeStatusInterval.isNegative()) {
      throw new IllegalArgumentException("heartbeat intervals must be positive");
    }
    if (backoffScale < 0) {
      throw new IllegalArgumentException("backoffScale must not be negative: " + backoffScale);
    }
    capacity = Map.copyOf(capacity);
  }

  /** One node per default, kubelet-like timings, capacity of a modest machine. */
  public static SimulatedNodesConfig defaults(String namePrefix) {
    return new SimulatedNodesConfig(namePrefix, 1,
        Map.of("cpu", "8", "memory", "32Gi", "pods", "110"),
        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(10), Duration.ofMinutes(1), 1.0);
  }

  public SimulatedNodesConfig withCount(int value) {
    return new SimulatedNodesConfig(namePrefix, value, capacity, startDelay, readyDelay,
        stopDelay, heartbeatInterval, nodeStatusInterval, backoffScale);
  }

  public SimulatedNodesConfig withCapacity(Map<String, String> value) {
    return new SimulatedNodesConfig(namePrefix, count, value, startDelay, readyDelay,
        stopDelay, heartbeatInterval, nodeStatusInterval, backoffScale);
  }

  public SimulatedNodesConfig withDelays(Duration start, Duration ready, Duration stop) {
    return new SimulatedNodesConfig(namePrefix, count, capacity, start, ready, stop,
        heartbeatInterval, nodeStatusInterval, backoffScale);
  }

  public SimulatedNodesConfig withHeartbeats(Duration lease, Duration nodeStatus) {
    return new SimulatedNodesConfig(namePrefix, count, capacity, startDelay, readyDelay,
        stopDelay, lease, nodeStatus, backoffScale);
  }

  public SimulatedNodesConfig withBackoffScale(double value) {
    return new SimulatedNodesConfig(namePrefix, count, capacity, startDelay, readyDelay,
        stopDelay, heartbeatInterval, nodeStatusInterval, value);
  }

  /** The name of node {@code index}. */
  public String nodeName(int index) {
    return namePrefix + index;
  }
}

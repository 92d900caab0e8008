package io.capstan.node.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How one node agent runs. Paths derive from {@code dataDir}: pod volumes under {@code pods/},
 * container logs under {@code logs/pods/}. Every interval is configurable so tests run fast.
 *
 * @param nodeName the Node's name
 * @param nodeIp the node's InternalIP; the log endpoint listens there too
 * @param dataDir the agent's state directory
 * @param podCidr the loopback range pod addresses come from (its first two reserved); empty
 *     when the cluster allocates the node's range: the agent then waits for the Node's
 *     {@code spec.podCIDR} before it runs pods
 * @param kubeletVersion reported as {@code nodeInfo.kubeletVersion}
 * @param heartbeatInterval how often the node's Lease is renewed
 * @param nodeStatusInterval how often the Ready condition's heartbeat is refreshed
 * @param backoffBase the first crash-loop back-off
 * @param backoffCap the longest crash-loop back-off
 * @param backoffReset a container that has not crashed for this long starts again at the base
 * @param relistInterval how often the runtime is polled for containers that changed state
 * @param resyncInterval how often every pod is synced anyway (volume refresh, config retries)
 * @param logPort the node's log endpoint port; 0 picks a free one
 */
public record NodeAgentConfig(
    String nodeName,
    String nodeIp,
    Path dataDir,
    String podCidr,
    String kubeletVersion,
    Duration heartbeatInterval,
    Duration nodeStatusInterval,
    Duration backoffBase,
    Duration backoffCap,
    Duration backoffReset,
    Duration relistInterval,
    Duration resyncInterval,
    int logPort) {

  public NodeAgentConfig {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(nodeIp, "nodeIp");
    dataDir = dataDir.toAbsolutePath();
    for (Duration interval : new Duration[] {heartbeatInterval, nodeStatusInterval, backoffBase,
        backoffCap, backoffReset, relistInterval, resyncInterval}) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("intervals must be positive, got " + interval);
      }
    }
    if (backoffCap.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException("backoffCap must not be below backoffBase");
    }
  }

  /** The kubelet's timings: 10 s leases, 1 min status, back-off 10 s to 5 min reset after 10. */
  public static NodeAgentConfig defaults(String nodeName, Path dataDir) {
    return new NodeAgentConfig(nodeName, "127.0.0.1", dataDir, "127.1.0.0/16",
        "v1.32.0+capstan", Duration.ofSeconds(10), Duration.ofMinutes(1),
        Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10),
        Duration.ofSeconds(1), Duration.ofMinutes(1), 0);
  }

  public NodeAgentConfig withNodeIp(String value) {
    return new NodeAgentConfig(nodeName, value, dataDir, podCidr, kubeletVersion,
        heartbeatInterval, nodeStatusInterval, backoffBase, backoffCap, backoffReset,
        relistInterval, resyncInterval, logPort);
  }

  public NodeAgentConfig withPodCidr(String value) {
    return new NodeAgentConfig(nodeName, nodeIp, dataDir, value, kubeletVersion,
        heartbeatInterval, nodeStatusInterval, backoffBase, backoffCap, backoffReset,
        relistInterval, resyncInterval, logPort);
  }

  public NodeAgentConfig withKubeletVersion(String value) {
    return new NodeAgentConfig(nodeName, nodeIp, dataDir, podCidr, value, heartbeatInterval,
        nodeStatusInterval, backoffBase, backoffCap, backoffReset, relistInterval,
        resyncInterval, logPort);
  }

  public NodeAgentConfig withHeartbeats(Duration lease, Duration nodeStatus) {
    return new NodeAgentConfig(nodeName, nodeIp, dataDir, podCidr, kubeletVersion, lease,
        nodeStatus, backoffBase, backoffCap, backoffReset, relistInterval, resyncInterval,
        logPort);
  }

  public NodeAgentConfig withBackoff(Duration base, Duration cap, Duration reset) {
    return new NodeAgentConfig(nodeName, nodeIp, dataDir, podCidr, kubeletVersion,
        heartbeatInterval, nodeStatusInterval, base, cap, reset, relistInterval,
        resyncInterval, logPort);
  }

  public NodeAgentConfig withSyncIntervals(Duration relist, Duration resync) {
    return new NodeAgentConfig(nodeName, nodeIp, dataDir, podCidr, kubeletVersion,
        heartbeatInterval, nodeStatusInterval, backoffBase, backoffCap, backoffReset, relist,
        resync, logPort);
  }

  public NodeAgentConfig withLogPort(int value) {
    return new NodeAgentConfig(nodeName, nodeIp, dataDir, podCidr, kubeletVersion,
        heartbeatInterval, nodeStatusInterval, backoffBase, backoffCap, backoffReset,
        relistInterval, resyncInterval, value);
  }

  /** Where pod volumes live: {@code DATA/pods}. */
  public Path podsDir() {
    return dataDir.resolve("pods");
  }

  /** Where container logs live: {@code DATA/logs/pods}. */
  public Path podLogsDir() {
    return dataDir.resolve("logs").resolve("pods");
  }
}

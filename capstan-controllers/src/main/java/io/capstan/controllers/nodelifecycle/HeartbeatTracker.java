package io.capstan.controllers.nodelifecycle;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each node was last heard from, by this controller's clock (the node's own clock may be
 * off): the moment its heartbeat — its Lease's renew time together with its Ready condition's
 * heartbeat time — was first seen to change. A node seen for the first time counts as just heard
 * from, so a restarted controller gives every node a full grace period, as Kubernetes' does.
 */
final class HeartbeatTracker {

  private record Seen(String heartbeat, Instant at) {}

  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  /** The last time {@code node}'s {@code heartbeat} changed, {@code now} if it just did. */
  Instant lastHeard(String node, String heartbeat, Instant now) {
    Seen updated = seen.compute(node, (name, previous) ->
        previous != null && previous.heartbeat().equals(heartbeat) ? previous
            : new Seen(heartbeat, now));
    return updated.at();
  }

  void forget(String node) {
    seen.remove(node);
  }
}

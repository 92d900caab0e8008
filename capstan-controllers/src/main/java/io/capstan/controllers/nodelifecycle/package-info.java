/**
 * Kubernetes' node lifecycle controller ({@code pkg/controller/nodelifecycle}) and taint-based
 * eviction ({@code pkg/controller/tainteviction}): a Node whose heartbeats (Lease renewals, Ready
 * condition heartbeats) stop for the grace period gets its conditions set to Unknown, the {@code
 * node.kubernetes.io/unreachable} taints (or {@code not-ready} for Ready=False) and its pods marked
 * not ready; pods on a Node with NoExecute taints are deleted once their tolerations run out, so
 * their controllers replace them elsewhere. The decisions are pure functions of the cached objects
 * and the clock ({@link HeartbeatTracker}, {@link NodeStatusUnknown}, {@link ConditionTaints},
 * {@link TaintEviction}); {@link NodeLifecycleController} reads the caches and writes.
 */
package io.capstan.controllers.nodelifecycle;

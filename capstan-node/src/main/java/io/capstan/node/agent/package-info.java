/**
 * The node agent, Capstan's kubelet: {@link io.capstan.node.agent.NodeAgent} registers the machine
 * as a Node (capacity, identity, daemon endpoint), renews its Lease every heartbeat and its Ready
 * condition at the node-status pace, and runs every pod bound to it. Each pod has one serialized
 * worker whose sync is level-triggered from the pod spec and the runtime's state: address, volumes,
 * sandbox, init containers in order, containers with the restart policy and crash-loop back-off,
 * probes and lifecycle hooks, and a status patch only when the status changed; deleted pods are
 * first drained by the service proxies (the handshake of
 * {@code io.capstan.controller.runtime.draining}), then stopped within what remains of their grace
 * period and deleted for good. ConfigMaps and Secrets are read as the Node authorizer allows: one
 * watch by name per object the node's pods reference, opened with the first such pod and closed
 * with the last ({@link io.capstan.node.agent.InformerConfigSource}). Containers start with the
 * kubelet's service-link variables. What happens is also written as the kubelet's core/v1 Events
 * (best-effort, never failing a sync). The decisions (phase, conditions, restart rules, back-off,
 * addresses) are pure classes; the runtime, the pod configuration, the probes and the log endpoint
 * are the SPIs of the sibling packages.
 */
package io.capstan.node.agent;

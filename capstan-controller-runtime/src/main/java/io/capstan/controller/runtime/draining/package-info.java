/**
 * The draining handshake between the service proxies and the node agents, which makes a
 * terminating pod stop receiving new connections before it is told to stop (no {@code preStop}
 * sleep needed):
 *
 * <ol>
 *   <li>Every service proxy keeps a Lease {@code capstan-proxy-<node>} in {@code kube-node-lease}
 *       fresh while it runs ({@link io.capstan.controller.runtime.draining.Draining#proxyLeaseName}).
 *   <li>When a pod gets a deletionTimestamp, each proxy takes the pod's addresses out of rotation at
 *       once (without waiting for the endpoints controller), lets the connections it already opened
 *       to the pod finish (at most half the pod's grace period), and then acknowledges by setting
 *       the annotation {@link io.capstan.controller.runtime.draining.Draining#ackAnnotation} for its
 *       node on the pod (a merge patch of its own key, so proxies never conflict).
 *   <li>The node agent running the pod waits until every proxy whose Lease is fresh has
 *       acknowledged — at most the pod's grace period, so a dead proxy never blocks termination —
 *       and only then runs preStop and sends SIGTERM, with the grace period that remains.
 * </ol>
 */
package io.capstan.controller.runtime.draining;

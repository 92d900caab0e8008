/**
 * The service proxy, one per node: it listens on every Service's ClusterIP:port and NodePort and
 * splices each new connection to one ready endpoint, taking a terminating pod out of rotation the
 * moment it is marked for deletion and acknowledging that to the node agents (the handshake of
 * {@link io.capstan.controller.runtime.draining}). Not carried: UDP and SCTP ports, externalIPs,
 * LoadBalancer ingress addresses and the Local traffic policies (every endpoint is cluster-wide);
 * ports below 1024 bind only where the process may bind them, and otherwise are retried.
 */
package io.capstan.proxy;

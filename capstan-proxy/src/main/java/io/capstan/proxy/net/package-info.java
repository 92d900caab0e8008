/**
 * The proxy's sockets, all on one Vert.x instance so thousands of listeners cost no threads:
 * {@link io.capstan.proxy.net.Listeners} binds and unbinds the listen addresses the route table
 * asks for (retrying failed binds), {@link io.capstan.proxy.net.Forwarder} connects each accepted
 * connection to an endpoint (trying others when a connect fails), and
 * {@link io.capstan.proxy.net.Splice} copies bytes both ways with back-pressure.
 *
 * <p>Limits: TCP only (UDP and SCTP service ports are logged and ignored). Half-close is not
 * propagated: Vert.x closes a connection when its peer shuts down its output, so the other side
 * gets every byte already read and then a full close rather than a FIN it could still write after.
 * A connection to a service port with no usable endpoint is accepted and closed at once (where
 * Kubernetes' kube-proxy rejects it with an ICMP error or a reset).
 */
package io.capstan.proxy.net;

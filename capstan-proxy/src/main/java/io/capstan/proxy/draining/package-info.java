/**
 * The proxy's side of the draining handshake ({@link io.capstan.controller.runtime.draining}):
 * {@link io.capstan.proxy.draining.ProxyLease} tells the node agents this proxy is alive and must
 * be waited for, and {@link io.capstan.proxy.draining.Drainer} takes a pod marked for deletion out
 * of rotation at once, waits for this proxy's connections to it to finish (at most half its grace
 * period, counted from when the proxy saw the deletion), and acknowledges with its node's
 * annotation on the pod.
 */
package io.capstan.proxy.draining;

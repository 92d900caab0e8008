package io.capstan.proxy.routing;

/** How the proxy picks an endpoint for a new connection among a service port's usable ones. */
public enum Balancing {
  /** Each usable endpoint in turn (kube-proxy's default in ipvs mode, {@code rr}). */
  ROUND_ROBIN,
  /** The endpoint with the fewest connections this proxy has open to it; ties in turn. */
  LEAST_CONNECTIONS
}

package io.capstan.proxy;

import io.capstan.proxy.routing.Balancing;
import java.time.Duration;
import java.util.Objects;

/**
 * How one node's service proxy runs.
 *
 * @param nodeName the node the proxy serves; names its Lease and its drain acknowledgements
 * @param nodeIp the address NodePort (and LoadBalancer) services listen on
 * @param balancing how an endpoint is picked for each new connection
 * @param connectTimeout how long a connect to an endpoint may take before another is tried
 * @param connectAttempts how many endpoints a new connection tries before it is closed
 * @param bindRetry how long after a failed bind the address is tried again
 */
public record ServiceProxyConfig(
    String nodeName,
    String nodeIp,
    Balancing balancing,
    Duration connectTimeout,
    int connectAttempts,
    Duration bindRetry) {

  public ServiceProxyConfig {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(nodeIp, "nodeIp");
    Objects.requireNonNull(balancing, "balancing");
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
    }
    if (connectAttempts < 1) {
      throw new IllegalArgumentException("connectAttempts must be at least 1");
    }
    if (bindRetry.isNegative() || bindRetry.isZero()) {
      throw new IllegalArgumentException("bindRetry must be positive, got " + bindRetry);
    }
  }

  /** Round robin, a 2 s connect timeout, 3 attempts, binds retried every 5 s. */
  public static ServiceProxyConfig defaults(String nodeName, String nodeIp) {
    return new ServiceProxyConfig(nodeName, nodeIp, Balancing.ROUND_ROBIN, Duration.ofSeconds(2),
        3, Duration.ofSeconds(5));
  }

  public ServiceProxyConfig withBalancing(Balancing value) {
    return new ServiceProxyConfig(nodeName, nodeIp, value, connectTimeout, connectAttempts,
        bindRetry);
  }

  public ServiceProxyConfig withConnect(Duration timeout, int attempts) {
    return new ServiceProxyConfig(nodeName, nodeIp, balancing, timeout, attempts, bindRetry);
  }

  public ServiceProxyConfig withBindRetry(Duration value) {
    return new ServiceProxyConfig(nodeName, nodeIp, balancing, connectTimeout, connectAttempts,
        value);
  }
}

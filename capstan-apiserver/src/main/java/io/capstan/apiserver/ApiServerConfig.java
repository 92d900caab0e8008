package io.capstan.apiserver;

import io.capstan.apiserver.resources.pod.TolerationDefaults;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * How to run the API server.
 *
 * @param bindAddress the address to listen on
 * @param port the port; 0 picks a free one
 * @param advertisedHost the host clients use to reach the server (discovery, kubeconfig)
 * @param watchHistory how many recent events the watch cache remembers for resumed watches
 * @param bookmarkInterval how often an idle watch that allows bookmarks receives one
 * @param maxRequestBytes the largest request body accepted (Kubernetes: 3 MiB)
 * @param serviceCidr the IPv4 range Service cluster IPs come from; loopback by default so that
 *     each node's proxy can listen on the addresses directly
 * @param podTolerations the tolerationSeconds new pods get for the not-ready and unreachable
 *     taints
 * @param security TLS and access control; empty serves plain HTTP to anyone, which only an
 *     in-process embedding (tests, benchmarks) may want
 */
public record ApiServerConfig(
    String bindAddress,
    int port,
    String advertisedHost,
    Clock clock,
    Supplier<String> uids,
    RandomGenerator random,
    int watchHistory,
    Duration bookmarkInterval,
    Duration consistentReadTimeout,
    int maxRequestBytes,
    String serviceCidr,
    TolerationDefaults podTolerations,
    Optional<ApiSecurity> security) {

  public static final String DEFAULT_SERVICE_CIDR = "127.96.0.0/12";

  public static ApiServerConfig defaults() {
    return new ApiServerConfig("127.0.0.1", 6443, "127.0.0.1", Clock.systemUTC(),
        () -> UUID.randomUUID().toString(), RandomGenerator.getDefault(), 50_000,
        Duration.ofMinutes(1), Duration.ofSeconds(3), 3 * 1024 * 1024, DEFAULT_SERVICE_CIDR,
        TolerationDefaults.STANDARD, Optional.empty());
  }

  public ApiServerConfig withServiceCidr(String cidr) {
    return new ApiServerConfig(bindAddress, port, advertisedHost, clock, uids, random,
        watchHistory, bookmarkInterval, consistentReadTimeout, maxRequestBytes, cidr,
        podTolerations, security);
  }

  public ApiServerConfig withPort(int newPort) {
    return new ApiServerConfig(bindAddress, newPort, advertisedHost, clock, uids, random,
        watchHistory, bookmarkInterval, consistentReadTimeout, maxRequestBytes, serviceCidr,
        podTolerations, security);
  }

  public ApiServerConfig withBindAddress(String address, String advertised) {
    return new ApiServerConfig(address, port, advertised, clock, uids, random, watchHistory,
        bookmarkInterval, consistentReadTimeout, maxRequestBytes, serviceCidr, podTolerations,
        security);
  }

  public ApiServerConfig withBookmarkInterval(Duration interval) {
    return new ApiServerConfig(bindAddress, port, advertisedHost, clock, uids, random,
        watchHistory, interval, consistentReadTimeout, maxRequestBytes, serviceCidr,
        podTolerations, security);
  }

  public ApiServerConfig withWatchHistory(int events) {
    return new ApiServerConfig(bindAddress, port, advertisedHost, clock, uids, random, events,
        bookmarkInterval, consistentReadTimeout, maxRequestBytes, serviceCidr, podTolerations,
        security);
  }

  public ApiServerConfig withPodTolerations(TolerationDefaults value) {
    return new ApiServerConfig(bindAddress, port, advertisedHost, clock, uids, random,
        watchHistory, bookmarkInterval, consistentReadTimeout, maxRequestBytes, serviceCidr,
        value, security);
  }

  public ApiServerConfig withSecurity(ApiSecurity newSecurity) {
    return new ApiServerConfig(bindAddress, port, advertisedHost, clock, uids, random,
        watchHistory, bookmarkInterval, consistentReadTimeout, maxRequestBytes, serviceCidr,
        podTolerations, Optional.of(newSecurity));
  }
}

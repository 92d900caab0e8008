package io.capstan.controller.runtime.draining;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/** The names and timings of the draining handshake (see the package documentation). */
public final class Draining {

  /** Where proxy Leases live, beside the nodes' own. */
  public static final String LEASE_NAMESPACE = "kube-node-lease";

  /** How long a proxy Lease stays fresh without renewal, and how often proxies renew it. */
  public static final Duration LEASE_DURATION = Duration.ofSeconds(40);

  public static final Duration LEASE_RENEWAL = Duration.ofSeconds(10);

  private static final String LEASE_PREFIX = "capstan-proxy-";
  private static final String ACK_PREFIX = "drained.capstan.io/";

  private Draining() {}

  /**
   * Whether a Service of the pod's namespace selects it, so proxies may send it connections: the
   * pods the handshake is for. Proxies acknowledge exactly these, and agents wait only for them.
   */
  public static boolean isServed(io.fabric8.kubernetes.api.model.Pod pod,
      java.util.Collection<io.fabric8.kubernetes.api.model.Service> services) {
    java.util.Map<String, String> labels = pod.getMetadata().getLabels() == null
        ? java.util.Map.of() : pod.getMetadata().getLabels();
    String namespace = pod.getMetadata().getNamespace();
    return services.stream()
        .filter(s -> namespace.equals(s.getMetadata().getNamespace()))
        .map(s -> s.getSpec() == null ? null : s.getSpec().getSelector())
        .filter(selector -> selector != null && !selector.isEmpty())
        .anyMatch(selector -> selector.entrySet().stream()
            .allMatch(e -> e.getValue().equals(labels.get(e.getKey()))));
  }

  /** The Lease a node's proxy renews: {@code capstan-proxy-<node>}. */
  public static String proxyLeaseName(String nodeName) {
    return LEASE_PREFIX + nodeName;
  }

  /** The node whose proxy holds {@code lease}, when it is a proxy Lease. */
  public static java.util.Optional<String> proxyNode(Lease lease) {
    String name = lease.getMetadata().getName();
    if (!name.startsWith(LEASE_PREFIX) || lease.getSpec() == null
        || lease.getSpec().getHolderIdentity() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(lease.getSpec().getHolderIdentity());
  }

  /** Whether a proxy Lease was renewed recently enough that its proxy must acknowledge. */
  public static boolean isFresh(Lease lease, Instant now) {
    if (lease.getSpec() == null || lease.getSpec().getRenewTime() == null) {
      return false;
    }
    Instant renewed = lease.getSpec().getRenewTime().toInstant();
    Integer seconds = lease.getSpec().getLeaseDurationSeconds();
    Duration duration = seconds == null ? LEASE_DURATION : Duration.ofSeconds(seconds);
    return renewed.plus(duration).isAfter(now);
  }

  /**
   * The pod annotation by which {@code nodeName}'s proxy says it sends the pod no new
   * connections: {@code drained.capstan.io/<node>}. An annotation name is at most 63 characters,
   * so a longer node name is replaced by a digest of it.
   */
  public static String ackAnnotation(String nodeName) {
    String name = nodeName.length() <= 63 ? nodeName : "sha256-" + digest(nodeName);
    return ACK_PREFIX + name;
  }

  private static String digest(String value) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}

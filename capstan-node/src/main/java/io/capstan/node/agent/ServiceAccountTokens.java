package io.capstan.node.agent;

import io.capstan.node.podconfig.ContainerConfigError;
import io.capstan.node.podconfig.TokenSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's service-account token manager ({@code pkg/kubelet/token/token_manager.go}):
 * tokens come from the TokenRequest API, bound to their pod, and are cached per service account,
 * audience, lifetime and pod. A cached token is handed out again until it is due for renewal —
 * once 80% of its lifetime has passed or it is 24 hours old, each less up to 10 s of jitter so
 * that many pods do not renew at once. When renewal fails the old token is kept while it is still
 * valid. Tokens are never logged.
 */
public final class ServiceAccountTokens implements TokenSource {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountTokens.class);
  static final Duration MAX_TTL = Duration.ofHours(24);
  static final Duration MAX_JITTER = Duration.ofSeconds(10);

  /** Sends one TokenRequest for {@code namespace/serviceAccount}; the port to the API. */
  @FunctionalInterface
  interface Requester {
    TokenRequest request(String namespace, String serviceAccount, TokenRequest request);
  }

  private record Key(String namespace, String serviceAccount, Optional<String> audience,
      long expirationSeconds, String podName, String podUid) {}

  private record Issued(String token, Instant expiration, long expirationSeconds) {}

  private final Requester requester;
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<Key, Issued> cache = new ConcurrentHashMap<>();

  ServiceAccountTokens(Requester requester, Clock clock, RandomGenerator random) {
    this.requester = requester;
    this.clock = clock;
    this.random = random;
  }

  /** Tokens requested with the agent's client. */
  public static ServiceAccountTokens through(KubernetesClient client, Clock clock) {
    return new ServiceAccountTokens((namespace, account, request) -> client.serviceAccounts()
        .inNamespace(namespace).withName(account).tokenRequest(request), clock,
        RandomGenerator.getDefault());
  }

  @Override
  public String serviceAccountToken(Pod pod, Optional<String> audience, long expirationSeconds)
      throws ContainerConfigError {
    Instant now = clock.instant();
    cache.values().removeIf(issued -> !now.isBefore(issued.expiration()));
    String namespace = pod.getMetadata().getNamespace();
    String account = pod.getSpec().getServiceAccountName();
    Key key = new Key(namespace, account, audience, expirationSeconds,
        pod.getMetadata().getName(), pod.getMetadata().getUid());
    Optional<Issued> cached = Optional.ofNullable(cache.get(key));
    if (cached.isPresent() && !requiresRefresh(cached.get(), now)) {
      return cached.get().token();
    }
    try {
      Issued issued = request(key);
      cache.put(key, issued);
      return issued.token();
    } catch (KubernetesClientException | ContainerConfigError e) {
      if (cached.isEmpty()) {
        throw new ContainerConfigError("failed to fetch token: " + reason(e));
      }
      LOG.warn("cannot renew the service account token namespace={} serviceAccount={} pod={}; "
          + "keeping the current one: {}", namespace, account, key.podName(), reason(e));
      return cached.get().token();
    }
  }

  private Issued request(Key key) throws ContainerConfigError {
    TokenRequest request = new TokenRequestBuilder()
        .withNewSpec()
        .withAudiences(key.audience().map(List::of).orElse(List.of()))
        .withExpirationSeconds(key.expirationSeconds())
        .withNewBoundObjectRef("v1", "Pod", key.podName(), key.podUid())
        .endSpec()
        .build();
    TokenRequest answer = requester.request(key.namespace(), key.serviceAccount(), request);
    if (answer == null || answer.getStatus() == null || answer.getStatus().getToken() == null
        || answer.getStatus().getToken().isEmpty()
        || answer.getStatus().getExpirationTimestamp() == null) {
      throw new ContainerConfigError("the API server returned no token");
    }
    Long granted = answer.getSpec() == null ? null : answer.getSpec().getExpirationSeconds();
    return new Issued(answer.getStatus().getToken(),
        Instant.parse(answer.getStatus().getExpirationTimestamp()),
        granted == null ? key.expirationSeconds() : granted);
  }

  /**
   * Due for renewal: 24 hours after issue, or in the last 20% of the lifetime. Example: a
   * 3607-second token issued at 10:00:00 is renewed from about 10:48:05 (its expiry 11:00:07
   * less 721 s, less the jitter).
   */
  private boolean requiresRefresh(Issued issued, Instant now) {
    Duration jitter = Duration.ofMillis((long) (random.nextDouble() * MAX_JITTER.toMillis()));
    Instant issuedAt = issued.expiration().minusSeconds(issued.expirationSeconds());
    if (now.isAfter(issuedAt.plus(MAX_TTL).minus(jitter))) {
      return true;
    }
    return now.isAfter(issued.expiration().minusSeconds(issued.expirationSeconds() * 20 / 100)
        .minus(jitter));
  }

  private static String reason(Exception e) {
    if (e instanceof KubernetesClientException k && k.getStatus() != null
        && k.getStatus().getMessage() != null) {
      return k.getStatus().getMessage();
    }
    return e.getMessage();
  }
}

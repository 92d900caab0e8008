package io.capstan.apiserver.serviceaccount;

import io.capstan.apiserver.auth.Authenticator;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.ResourceCatalog;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.registry.StorageHooks;
import io.capstan.apiserver.watch.WatchCache;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Service-account tokens for a server that runs with security, wired in two steps because the pod
 * registry needs its admission hook when it is built and the rest needs the registries:
 * {@link #load} reads (or creates) the signing key and gives the {@link #authenticator()} and the
 * pod {@link #hooksFor hooks}; {@link #start} publishes {@code kube-root-ca.crt} in every
 * namespace; {@link #tokenRequests} serves the {@code serviceaccounts/token} subresource.
 */
public final class ServiceAccounts implements AutoCloseable {

  /** Kubernetes' default {@code --service-account-issuer}, also the API server's audience. */
  public static final String ISSUER = "https://kubernetes.default.svc.cluster.local";

  private final SignedTokens tokens;
  private final WatchCache cache;
  private final ResourceType serviceAccountType;
  private final ResourceType podType;
  private final Clock clock;
  private final Supplier<String> ids;
  private final ServiceAccountTokenAuthenticator authenticator;
  private final ServiceAccountAdmission admission;
  private volatile Optional<RootCaPublisher> publisher = Optional.empty();

  private ServiceAccounts(ServiceAccountKeys keys, WatchCache cache, ResourceCatalog catalog,
      Clock clock, RandomGenerator random, Supplier<String> ids) {
    this.tokens = new SignedTokens(keys);
    this.cache = cache;
    this.serviceAccountType = catalog.require("", "ServiceAccount");
    this.podType = catalog.require("", "Pod");
    this.clock = clock;
    this.ids = ids;
    this.authenticator = new ServiceAccountTokenAuthenticator(tokens, cache, serviceAccountType,
        podType, clock);
    this.admission = new ServiceAccountAdmission(cache, serviceAccountType, random);
  }

  /**
   * Loads the signing key from {@code tlsDir} ({@link ServiceAccountKeys#KEY_FILE}, created when
   * absent). {@code ids} makes each token's {@code jti}.
   */
  public static ServiceAccounts load(Path tlsDir, WatchCache cache, ResourceCatalog catalog,
      Clock clock, RandomGenerator random, Supplier<String> ids) {
    return new ServiceAccounts(ServiceAccountKeys.loadOrCreate(tlsDir), cache, catalog, clock,
        random, ids);
  }

  /** Recognises this server's tokens; must come before the static-token authenticator. */
  public Authenticator authenticator() {
    return authenticator;
  }

  /** The storage hooks {@code type} needs: ServiceAccount admission for pods. */
  public Optional<StorageHooks> hooksFor(ResourceType type) {
    return type == podType ? Optional.of(admission) : Optional.empty();
  }

  /** The TokenRequest subresource over the server's registries. */
  public TokenRequests tokenRequests(Map<ResourceType, GenericRegistry> registries) {
    return new TokenRequests(registries.get(serviceAccountType), registries.get(podType), tokens,
        clock, ids);
  }

  /** Starts keeping {@code kube-root-ca.crt} with {@code caPem} in every namespace. */
  public void start(Map<ResourceType, GenericRegistry> registries, ResourceCatalog catalog,
      String caPem) {
    RootCaPublisher started = new RootCaPublisher(cache,
        registries.get(catalog.require("", "Namespace")),
        registries.get(catalog.require("", "ConfigMap")), caPem);
    started.start();
    publisher = Optional.of(started);
  }

  @Override
  public void close() {
    publisher.ifPresent(RootCaPublisher::close);
  }
}

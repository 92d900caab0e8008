package io.capstan.apiserver;

import io.capstan.apiserver.allocation.IpAllocator;
import io.capstan.apiserver.allocation.Ipv4Cidr;
import io.capstan.apiserver.allocation.PortAllocator;
import io.capstan.apiserver.allocation.StoreClaims;
import io.capstan.apiserver.bootstrap.DefaultServiceAccounts;
import io.capstan.apiserver.bootstrap.KubernetesService;
import io.capstan.apiserver.bootstrap.LeaseEndpointReconciler;
import io.capstan.apiserver.bootstrap.MasterLeases;
import io.capstan.apiserver.errors.ApiException;
import io.capstan.apiserver.bootstrap.SystemNamespaces;
import io.capstan.apiserver.http.HttpApi;
import io.capstan.apiserver.http.HttpFrontend;
import io.capstan.apiserver.http.HttpSecurity;
import io.capstan.apiserver.json.Json;
import io.capstan.apiserver.openapi.OpenApi;
import io.capstan.apiserver.openapi.ResourceSchemas;
import io.capstan.apiserver.schema.FieldValidation;
import io.capstan.apiserver.schema.LazyTypeSchemas;
import io.capstan.apiserver.registry.GenericRegistry;
import io.capstan.apiserver.registry.Lister;
import io.capstan.apiserver.registry.NamespaceGuard;
import io.capstan.apiserver.registry.RegistryContext;
import io.capstan.apiserver.registry.ResourceCatalog;
import io.capstan.apiserver.registry.ResourceType;
import io.capstan.apiserver.registry.StorageHooks;
import io.capstan.apiserver.registry.StoredObjects;
import io.capstan.apiserver.resources.core.ServiceAllocations;
import io.capstan.apiserver.resources.core.ServiceClaimRepair;
import io.capstan.apiserver.resources.StandardMetadataValidator;
import io.capstan.apiserver.serviceaccount.ServiceAccounts;
import io.capstan.apiserver.tls.CertificateAuthority;
import io.capstan.apiserver.tls.ServingCertificate;
import io.capstan.apiserver.watch.WatchCache;
import io.capstan.store.Store;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Kubernetes API server over a {@link Store}: watch cache, registries, bootstrap objects and
 * the HTTP frontend, started in that order and stopped in reverse. Several can run in one JVM.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  /** The Kubernetes release whose API this server implements. */
  public static final String KUBERNETES_VERSION = "v1.32.0";

  private static final Duration RENEWAL_CHECK = Duration.ofHours(1);

  private final Vertx vertx;
  private final WatchCache cache;
  private final HttpApi.Started http;
  private final DefaultServiceAccounts serviceAccounts;
  private final Optional<ServiceAccounts> accounts;
  private final AtomicBoolean ready;
  private final String host;
  private final Optional<CertificateAuthority> ca;
  private volatile Optional<LeaseEndpointReconciler> kubernetesEndpoints = Optional.empty();

  private ApiServer(Vertx vertx, WatchCache cache, HttpApi.Started http,
      DefaultServiceAccounts serviceAccounts, Optional<ServiceAccounts> accounts,
      AtomicBoolean ready, String host, Optional<CertificateAuthority> ca) {
    this.vertx = vertx;
    this.cache = cache;
    this.http = http;
    this.serviceAccounts = serviceAccounts;
    this.accounts = accounts;
    this.ready = ready;
    this.host = host;
    this.ca = ca;
  }

  private static Optional<StoreClaims> claims(Store store, String prefix) {
    return store.isShared() ? Optional.of(new StoreClaims(store, prefix)) : Optional.empty();
  }

  /** Starts a server over {@code store}; returns once it serves requests. */
  public static ApiServer start(Store store, ApiServerConfig config)
      throws InterruptedException, TimeoutException {
    long began = System.nanoTime();
    WatchCache cache = new WatchCache(store, "/registry/", config.watchHistory(), 100_000);
    cache.start(Duration.ofSeconds(30));
    ResourceCatalog catalog = ResourceCatalog.standard().withStrategy("", "Pod",
        new io.capstan.apiserver.resources.core.PodStrategy(config.podTolerations()));
    RegistryContext ctx = new RegistryContext(store, cache, config.clock(), config.uids(),
        config.random(), new StandardMetadataValidator(), config.consistentReadTimeout());
    NamespaceGuard guard = new NamespaceGuard(store, catalog.require("", "Namespace"));
    ResourceType serviceType = catalog.require("", "Service");
    // Servers sharing the store claim Service addresses in it; a lone server's memory suffices.
    IpAllocator serviceIps = new IpAllocator(serviceCidr(config), config.random(),
        claims(store, "/registry/ranges/serviceips/"));
    PortAllocator nodePorts = PortAllocator.defaultRange(config.random(),
        claims(store, "/registry/ranges/servicenodeports/"));
    ServiceAllocations allocations = new ServiceAllocations(serviceIps, nodePorts);
    allocations.restore(StoredObjects.list(store, serviceType));
    // Shared claims can leak when a server dies mid-write; every server repairs them.
    Optional<ServiceClaimRepair> repair = claims(store, "/registry/ranges/serviceips/").map(
        ipClaims -> new ServiceClaimRepair(store, serviceType, serviceIps, ipClaims, nodePorts,
            claims(store, "/registry/ranges/servicenodeports/").orElseThrow()));
    Optional<ServerAccess> access = config.security()
        .map(s -> ServerAccess.load(s, config.clock()));
    // Service-account tokens come with security: the signing key, pod admission, TokenRequest
    // and kube-root-ca.crt in every namespace.
    Optional<ServiceAccounts> accounts = config.security().map(s -> ServiceAccounts.load(
        s.tlsDir(), cache, catalog, config.clock(), config.random(), config.uids()));
    Map<ResourceType, GenericRegistry> registries = new LinkedHashMap<>();
    for (ResourceType type : catalog.types()) {
      registries.put(type, new GenericRegistry(type, ctx, guard, type == serviceType ? allocations
          : accounts.flatMap(a -> a.hooksFor(type)).orElse(StorageHooks.NONE)));
    }
    accounts.ifPresent(a -> a.start(registries, catalog,
        access.orElseThrow().ca().certificatePem()));
    Optional<HttpSecurity> security = access.map(a -> a.http(cache, catalog.require("", "Pod"),
        accounts.map(ServiceAccounts::authenticator).stream().toList()));
    GenericRegistry namespaces = registries.get(catalog.require("", "Namespace"));
    SystemNamespaces.ensure(namespaces);
    DefaultServiceAccounts serviceAccounts = new DefaultServiceAccounts(cache, namespaces,
        registries.get(catalog.require("", "ServiceAccount")));
    serviceAccounts.start();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(
        Math.max(2, Runtime.getRuntime().availableProcessors())));
    AtomicBoolean ready = new AtomicBoolean();
    HttpApi.Started http;
    try {
      // Schemas and OpenAPI documents are built on first use (or by the warm-up below), so
      // they cost nothing on the path to /readyz.
      LazyTypeSchemas schemas = ResourceSchemas.lazy(catalog.types());
      OpenApi openApi = OpenApi.lazy(catalog.types(), schemas);
      http = HttpApi.start(vertx, config, catalog, registries, new Lister(ctx), cache,
          new FieldValidation(schemas), openApi, versionInfo(), ready::get, security,
          accounts.map(a -> a.tokenRequests(registries)));
      Thread.ofVirtual().name("openapi-warm-up").start(openApi::warmUp);
    } catch (RuntimeException | InterruptedException e) {
      vertx.close();
      accounts.ifPresent(ServiceAccounts::close);
      serviceAccounts.close();
      cache.close();
      throw e;
    }
    ApiServer server = new ApiServer(vertx, cache, http, serviceAccounts, accounts, ready,
        config.advertisedHost(), access.map(ServerAccess::ca));
    access.ifPresent(a -> renewServingCertificate(vertx, a, http.frontend()));
    repair.ifPresent(r -> r.schedule(vertx));
    server.kubernetesEndpoints = Optional.of(publishKubernetesService(store, vertx, registries,
        catalog, serviceIps, config, http.port()));
    ready.set(true);
    LOG.info("API server listening on {}:{} (started in {} ms)", config.bindAddress(),
        http.port(), (System.nanoTime() - began) / 1_000_000);
    return server;
  }

  private static Ipv4Cidr serviceCidr(ApiServerConfig config) {
    return Ipv4Cidr.parse(config.serviceCidr()).orElseThrow(() -> new IllegalArgumentException(
        "the service CIDR '" + config.serviceCidr() + "' is not an IPv4 CIDR such as "
            + ApiServerConfig.DEFAULT_SERVICE_CIDR));
  }

  /**
   * The {@code default/kubernetes} Service, and its endpoints naming every live server, kept so
   * every {@link LeaseEndpointReconciler#INTERVAL}.
   */
  private static LeaseEndpointReconciler publishKubernetesService(Store store, Vertx vertx,
      Map<ResourceType, GenericRegistry> registries, ResourceCatalog catalog,
      IpAllocator serviceIps, ApiServerConfig config, int port) {
    KubernetesService kubernetes = new KubernetesService(store,
        registries.get(catalog.require("", "Service")),
        registries.get(catalog.require("", "Endpoints")),
        registries.get(catalog.require("discovery.k8s.io", "EndpointSlice")));
    String address = KubernetesService.ipv4Of(config.advertisedHost()).orElse("127.0.0.1");
    try {
      kubernetes.reconcileService(serviceIps.firstAddress(), port);
    } catch (ApiException e) {
      LOG.warn("cannot publish the kubernetes service: {}", e.getMessage());
    }
    LeaseEndpointReconciler endpoints = new LeaseEndpointReconciler(
        new MasterLeases(store, LeaseEndpointReconciler.TTL, System::nanoTime), kubernetes,
        new MasterLeases.Holder(address, port));
    endpoints.reconcile();
    vertx.setPeriodic(LeaseEndpointReconciler.INTERVAL.toMillis(),
        id -> vertx.executeBlocking(() -> {
          endpoints.reconcile();
          return null;
        }));
    return endpoints;
  }

  public int port() {
    return http.port();
  }

  /** The URL clients use to reach this server: https when it has security. */
  public String url() {
    return (ca.isPresent() ? "https://" : "http://") + host + ":" + http.port();
  }

  /** The CA clients trust this server by and authenticate with, when it has security. */
  public Optional<CertificateAuthority> certificateAuthority() {
    return ca;
  }

  /**
   * Checks the serving certificate every hour and swaps in a new one, without a restart, once it
   * nears expiry (within {@link ServingCertificate#RENEW_BEFORE}).
   */
  private static void renewServingCertificate(Vertx vertx, ServerAccess access,
      HttpFrontend frontend) {
    vertx.setPeriodic(RENEWAL_CHECK.toMillis(), id -> vertx.executeBlocking(() -> {
      ServingCertificate serving = access.servingCertificate();
      if (serving.origin() == ServingCertificate.Origin.ISSUED) {
        frontend.updateServing(serving.issued(), access.ca());
      }
      return null;
    }).onFailure(e -> LOG.warn("cannot renew the serving certificate: {}", e.toString())));
  }

  @Override
  public void close() {
    ready.set(false);
    kubernetesEndpoints.ifPresent(LeaseEndpointReconciler::stop);
    http.frontend().close();
    accounts.ifPresent(ServiceAccounts::close);
    serviceAccounts.close();
    cache.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.debug("closing Vert.x failed", e);
    }
  }

  private static ObjectNode versionInfo() {
    ObjectNode version = Json.object();
    version.put("major", "1");
    version.put("minor", "32");
    version.put("gitVersion", KUBERNETES_VERSION + "+capstan");
    version.put("gitCommit", "");
    version.put("gitTreeState", "clean");
    version.put("buildDate", "");
    version.put("goVersion", "java" + Runtime.version().feature());
    version.put("compiler", "capstan");
    version.put("platform", "linux/amd64");
    return version;
  }
}

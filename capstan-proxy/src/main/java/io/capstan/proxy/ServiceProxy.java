package io.capstan.proxy;

import io.capstan.controller.runtime.Scheduler;
import io.capstan.proxy.draining.Drainer;
import io.capstan.proxy.draining.ProxyLease;
import io.capstan.proxy.net.Forwarder;
import io.capstan.proxy.net.Listeners;
import io.capstan.proxy.routing.ConnectionCounts;
import io.capstan.proxy.routing.Endpoint;
import io.capstan.proxy.routing.EndpointSelector;
import io.capstan.proxy.routing.ListenAddress;
import io.capstan.proxy.routing.RouteTable;
import io.capstan.proxy.routing.ServicePortKey;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's service proxy: listens on every Service's cluster IPs (and the node IP at its
 * NodePorts), and sends each new connection to a usable endpoint of the service port, as
 * kube-proxy does, but in user space on one Vert.x instance.
 *
 * <p>Start-up order: the Service, EndpointSlice and Pod informers (in that order, so a pod being
 * deleted is judged against the services already known), then the proxy Lease, which makes the
 * node agents wait for this proxy's drain acknowledgements. Closing goes the other way, Lease
 * first, so no agent waits on a proxy that is going away.
 */
public final class ServiceProxy implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);
  private static final Duration AFFINITY_SWEEP = Duration.ofMinutes(1);

  private final ServiceProxyConfig config;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Vertx vertx;
  private final NetClient netClient;
  private final Listeners listeners;
  private final RouteTable routes;
  private final Drainer drainer;
  private final Forwarder forwarder;
  private final EndpointSelector selector;
  private final ProxyLease lease;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile SharedIndexInformer<Service> services;
  private volatile SharedIndexInformer<EndpointSlice> slices;
  private volatile SharedIndexInformer<io.fabric8.kubernetes.api.model.Pod> pods;
  private volatile Scheduler.Cancellable sweep = () -> {};

  private ServiceProxy(KubernetesClient client, ServiceProxyConfig config, Clock clock,
      Scheduler scheduler) {
    this.config = config;
    this.clock = clock;
    this.scheduler = scheduler;
    this.vertx = Vertx.vertx();
    this.netClient = vertx.createNetClient(new NetClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis())));
    ConnectionCounts counts = new ConnectionCounts();
    this.listeners = new Listeners(vertx, (socket, key) -> forwarder().accept(socket, key),
        scheduler, config.bindRetry(), VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
    this.routes = new RouteTable(config.nodeIp(), listeners);
    this.drainer = new Drainer(client, config.nodeName(), this::knownServices, routes, counts,
        clock, scheduler);
    this.selector = new EndpointSelector(config.balancing(), counts,
        drainer::isTerminating, clock);
    this.forwarder = new Forwarder(netClient, routes, selector, counts,
        config.connectAttempts());
    this.lease = new ProxyLease(client, config.nodeName(), clock, scheduler);
  }

  /**
   * Starts the proxy; returns once the informers have synced and the Lease is written (the
   * listeners bind in the background, within milliseconds).
   */
  public static ServiceProxy start(KubernetesClient client, ServiceProxyConfig config,
      Clock clock, Scheduler scheduler) {
    ServiceProxy proxy = new ServiceProxy(client, config, clock, scheduler);
    try {
      proxy.services = client.services().inAnyNamespace().inform(handler(
          proxy.routes::serviceChanged, proxy.routes::serviceDeleted), 0);
      proxy.slices = client.discovery().v1().endpointSlices().inAnyNamespace().inform(handler(
          proxy.routes::sliceChanged, proxy.routes::sliceDeleted), 0);
      proxy.pods = client.pods().inAnyNamespace().inform(proxy.drainer, 0);
      proxy.lease.start();
      proxy.sweep = scheduler.schedule(AFFINITY_SWEEP, proxy::expireAffinity);
    } catch (RuntimeException | Error e) {
      proxy.close();
      throw e;
    }
    LOG.info("service proxy for node {} running (NodePorts on {}, {} balancing)",
        config.nodeName(), config.nodeIp(), config.balancing());
    return proxy;
  }

  private static <T> ResourceEventHandler<T> handler(java.util.function.Consumer<T> changed,
      java.util.function.Consumer<T> deleted) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        changed.accept(object);
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        changed.accept(newObject);
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        deleted.accept(object);
      }
    };
  }

  private Forwarder forwarder() {
    return forwarder;
  }

  private Collection<Service> knownServices() {
    SharedIndexInformer<Service> informer = services;
    return informer == null ? List.of() : informer.getStore().list();
  }

  private void expireAffinity() {
    if (closed.get()) {
      return;
    }
    routes.routes().forEach(route -> route.expireSticks(clock.instant()));
    sweep = scheduler.schedule(AFFINITY_SWEEP, this::expireAffinity);
  }

  /** The addresses the proxy is listening on now. */
  public Set<ListenAddress> listening() {
    return listeners.bound();
  }

  /** The endpoints a new connection to {@code key} may go to now, sorted. */
  public List<Endpoint> usableEndpoints(ServicePortKey key) {
    return routes.route(key).map(selector::usable).orElse(List.of());
  }

  public ServiceProxyConfig config() {
    return config;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    sweep.cancel();
    lease.close();
    for (SharedIndexInformer<?> informer : new SharedIndexInformer<?>[] {pods, slices, services}) {
      if (informer != null) {
        informer.close();
      }
    }
    drainer.close();
    listeners.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("service proxy did not stop cleanly: {}", e.toString());
    }
    LOG.info("service proxy for node {} stopped", config.nodeName());
  }
}

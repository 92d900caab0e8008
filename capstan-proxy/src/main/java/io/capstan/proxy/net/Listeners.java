package io.capstan.proxy.net;

import io.capstan.controller.runtime.Scheduler;
import io.capstan.proxy.routing.ListenAddress;
import io.capstan.proxy.routing.RouteTable;
import io.capstan.proxy.routing.ServicePortKey;
import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's listening sockets, reconciled to what the route table asks for. Each listen address
 * is bound once, on one event loop, and then served from every event loop: Vert.x shares a socket
 * among the servers of one address and hands each accepted connection to the next of them, so one
 * busy Service port uses every core, as HAProxy's threads do. A failed bind is logged and retried after
 * {@code bindRetry}; an address claimed by two services goes to the first. A server's accepted
 * connections look up their service port when they arrive, so re-pointing an address needs no
 * rebind; a removed address is closed, and binding it again waits for that close.
 */
public final class Listeners implements RouteTable.ListenSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

  /** What to do with a connection accepted for a service port. */
  @FunctionalInterface
  public interface Acceptor {
    void accept(NetSocket socket, ServicePortKey key);
  }

  /**
   * One address's servers: bound once {@code server} is set, retrying while {@code retry} is;
   * {@code sharers} are the servers on the other event loops that share its socket.
   */
  private static final class Binding {
    NetServer server;
    final List<NetServer> sharers = new ArrayList<>();
    int failures;
    Scheduler.Cancellable retry = () -> {};

    void closeAll() {
      retry.cancel();
      if (server != null) {
        server.close();
      }
      sharers.forEach(NetServer::close);
    }
  }

  private final Vertx vertx;
  private final Acceptor acceptor;
  private final Scheduler scheduler;
  private final Duration bindRetry;
  private final List<Context> contexts = new ArrayList<>();
  private final ConcurrentHashMap<ListenAddress, ServicePortKey> targets =
      new ConcurrentHashMap<>();
  private final Map<ListenAddress, String> owners = new HashMap<>();
  private final Map<String, Set<ListenAddress>> byService = new HashMap<>();
  private final Map<ListenAddress, Binding> bindings = new HashMap<>();
  private final Map<ListenAddress, Future<Void>> closing = new HashMap<>();
  private int nextContext;
  private boolean closed;

  public Listeners(Vertx vertx, Acceptor acceptor, Scheduler scheduler, Duration bindRetry,
      int eventLoops) {
    this.vertx = vertx;
    this.acceptor = acceptor;
    this.scheduler = scheduler;
    this.bindRetry = bindRetry;
    contexts.addAll(eventLoopContexts(vertx, eventLoops));
  }

  /**
   * One context on each of {@code count} event loops: the instances of a deployment each get
   * their own, which {@code getOrCreateContext} (sticky per calling thread) would not give.
   */
  private static List<Context> eventLoopContexts(Vertx vertx, int count) {
    List<Context> out = new java.util.concurrent.CopyOnWriteArrayList<>();
    try {
      vertx.deployVerticle(() -> (Deployable) context -> {
        out.add(context);
        return Future.succeededFuture();
      }, new DeploymentOptions().setInstances(count)).toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the proxy's event loops", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot start the proxy's event loops", e);
    }
    return out;
  }

  /** The addresses that are bound now. */
  public synchronized Set<ListenAddress> bound() {
    Set<ListenAddress> out = new HashSet<>();
    bindings.forEach((address, binding) -> {
      if (binding.server != null) {
        out.add(address);
      }
    });
    return out;
  }

  @Override
  public synchronized void listen(String serviceId, Map<ListenAddress, ServicePortKey> listens) {
    if (closed) {
      return;
    }
    Set<ListenAddress> previous = byService.getOrDefault(serviceId, Set.of());
    for (ListenAddress address : previous) {
      if (!listens.containsKey(address)) {
        release(address);
      }
    }
    Set<ListenAddress> owned = new HashSet<>();
    listens.forEach((address, key) -> {
      String owner = owners.putIfAbsent(address, serviceId);
      if (owner != null && !owner.equals(serviceId)) {
        LOG.warn("{} is wanted by services {} and {}; it stays with {}", address, owner,
            serviceId, owner);
        return;
      }
      owned.add(address);
      targets.put(address, key);
      ensureBound(address);
    });
    if (owned.isEmpty()) {
      byService.remove(serviceId);
    } else {
      byService.put(serviceId, owned);
    }
  }

  private void release(ListenAddress address) {
    owners.remove(address);
    targets.remove(address);
    Binding binding = bindings.remove(address);
    if (binding == null) {
      return;
    }
    binding.retry.cancel();
    binding.sharers.forEach(NetServer::close);
    if (binding.server != null) {
      LOG.debug("closing listener {}", address);
      Future<Void> close = binding.server.close();
      closing.put(address, close);
      close.onComplete(done -> closed(address, close));
    }
  }

  private synchronized void closed(ListenAddress address, Future<Void> close) {
    closing.remove(address, close);
    if (targets.containsKey(address)) {
      ensureBound(address);
    }
  }

  private void ensureBound(ListenAddress address) {
    if (closed || bindings.containsKey(address) || closing.containsKey(address)) {
      return;
    }
    Binding binding = new Binding();
    bindings.put(address, binding);
    int first = nextContext++ % contexts.size();
    contexts.get(first).runOnContext(v -> {
      NetServer server = server(address);
      server.listen().onComplete(result -> {
        if (result.succeeded()) {
          bound(address, binding, server);
          share(address, binding, first);
        } else {
          failed(address, binding, result.cause());
        }
      });
    });
  }

  private NetServer server(ListenAddress address) {
    NetServer server = vertx.createNetServer(new NetServerOptions()
        .setHost(address.host()).setPort(address.port()));
    server.connectHandler(socket -> accepted(address, socket));
    return server;
  }

  /** Serves a bound address from the other event loops too. */
  private void share(ListenAddress address, Binding binding, int first) {
    for (int i = 0; i < contexts.size(); i++) {
      if (i == first) {
        continue;
      }
      contexts.get(i).runOnContext(v -> {
        NetServer sharer = server(address);
        sharer.listen().onSuccess(done -> shared(address, binding, sharer));
      });
    }
  }

  private synchronized void shared(ListenAddress address, Binding binding, NetServer sharer) {
    if (bindings.get(address) == binding && !closed) {
      binding.sharers.add(sharer);
    } else {
      sharer.close();
    }
  }

  private void accepted(ListenAddress address, NetSocket socket) {
    ServicePortKey key = targets.get(address);
    if (key == null) {
      socket.close();
    } else {
      acceptor.accept(socket, key);
    }
  }

  private synchronized void bound(ListenAddress address, Binding binding, NetServer server) {
    if (bindings.get(address) != binding) {
      server.close();
      return;
    }
    binding.server = server;
    LOG.debug("listening on {} for {}", address, targets.get(address));
  }

  private synchronized void failed(ListenAddress address, Binding binding, Throwable cause) {
    if (bindings.get(address) != binding) {
      return;
    }
    // Said once at WARN; an address that keeps failing (a privileged port, say) is not news.
    if (binding.failures == 0) {
      // Nodes sharing a machine share its addresses: the first proxy to bind one serves it for
      // all of them, and the others stand by here until it goes.
      String inUse = String.valueOf(cause.getMessage()).contains("in use")
          ? " (another node's proxy on this machine may be serving it)" : "";
      LOG.warn("cannot listen on {} for {}: {}{}; retrying every {}", address,
          targets.get(address), cause.getMessage(), inUse, bindRetry);
    } else {
      LOG.debug("still cannot listen on {}: {}", address, cause.getMessage());
    }
    binding.retry = scheduler.schedule(bindRetry, () -> retry(address, binding));
  }

  private synchronized void retry(ListenAddress address, Binding binding) {
    if (bindings.get(address) == binding) {
      bindings.remove(address);
      ensureBound(address);
      Binding next = bindings.get(address);
      if (next != null) {
        next.failures = binding.failures + 1;
      }
    }
  }

  /** Stops every listener; the sockets themselves close with the Vert.x instance. */
  @Override
  public synchronized void close() {
    closed = true;
    bindings.values().forEach(Binding::closeAll);
    bindings.clear();
  }
}

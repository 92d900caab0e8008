package io.capstan.proxy.net;

import io.capstan.proxy.routing.ConnectionCounts;
import io.capstan.proxy.routing.Endpoint;
import io.capstan.proxy.routing.EndpointSelector;
import io.capstan.proxy.routing.RouteTable;
import io.capstan.proxy.routing.ServicePortKey;
import io.capstan.proxy.routing.ServiceRoute;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one accepted connection to an endpoint of its service port. The client socket stays
 * paused until an endpoint accepts, so no byte has been sent when a connect fails and another
 * endpoint can be tried safely (up to {@code attempts} in all). A connection counts against its
 * endpoint from the connect attempt until both sockets close.
 */
public final class Forwarder implements Listeners.Acceptor {

  private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

  private final NetClient client;
  private final RouteTable routes;
  private final EndpointSelector selector;
  private final ConnectionCounts counts;
  private final int attempts;

  public Forwarder(NetClient client, RouteTable routes, EndpointSelector selector,
      ConnectionCounts counts, int attempts) {
    this.client = client;
    this.routes = routes;
    this.selector = selector;
    this.counts = counts;
    this.attempts = attempts;
  }

  @Override
  public void accept(NetSocket socket, ServicePortKey key) {
    socket.pause();
    Attempts state = new Attempts(socket, key, socket.remoteAddress().host());
    socket.closeHandler(v -> state.clientClosed = true);
    attempt(state);
  }

  /** One client connection's progress through its connect attempts (on its event loop). */
  private static final class Attempts {
    final NetSocket socket;
    final ServicePortKey key;
    final String clientIp;
    final Set<Endpoint> failed = new HashSet<>();
    int made;
    boolean clientClosed;

    Attempts(NetSocket socket, ServicePortKey key, String clientIp) {
      this.socket = socket;
      this.key = key;
      this.clientIp = clientIp;
    }
  }

  private void attempt(Attempts state) {
    Optional<Endpoint> chosen = routes.route(state.key)
        .flatMap((ServiceRoute route) -> selector.choose(route, state.clientIp, state.failed));
    if (chosen.isEmpty() || state.clientClosed) {
      LOG.debug("no usable endpoint for {}; closing the connection from {}", state.key,
          state.clientIp);
      state.socket.close();
      return;
    }
    Endpoint endpoint = chosen.get();
    state.made++;
    counts.opened(endpoint);
    client.connect(endpoint.port(), endpoint.address()).onComplete(result -> {
      if (result.failed()) {
        counts.closed(endpoint);
        LOG.debug("connect to {} for {} failed: {}", endpoint, state.key,
            result.cause().getMessage());
        state.failed.add(endpoint);
        if (state.made < attempts) {
          attempt(state);
        } else {
          state.socket.close();
        }
        return;
      }
      NetSocket backend = result.result();
      if (state.clientClosed) {
        backend.closeHandler(v -> counts.closed(endpoint));
        backend.close();
        return;
      }
      Splice.start(state.socket, backend, () -> counts.closed(endpoint));
    });
  }
}

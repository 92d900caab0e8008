package io.capstan.proxy.routing;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * How many connections this proxy has open (or is opening) to each endpoint. Least-connections
 * balancing reads it; draining waits on it, notified whenever an endpoint's last one closes.
 */
public final class ConnectionCounts {

  private final ConcurrentHashMap<Endpoint, Integer> open = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<Consumer<Endpoint>> idleListeners =
      new CopyOnWriteArrayList<>();

  /** Calls {@code listener} (on the closing connection's thread) when an endpoint goes idle. */
  public void onIdle(Consumer<Endpoint> listener) {
    idleListeners.add(listener);
  }

  public void opened(Endpoint endpoint) {
    open.merge(endpoint, 1, Integer::sum);
  }

  public void closed(Endpoint endpoint) {
    Integer left = open.computeIfPresent(endpoint, (k, n) -> n <= 1 ? null : n - 1);
    if (left == null) {
      idleListeners.forEach(listener -> listener.accept(endpoint));
    }
  }

  public int count(Endpoint endpoint) {
    return open.getOrDefault(endpoint, 0);
  }

  /** The connections open to any port of any of {@code addresses}. */
  public int openTo(Collection<String> addresses) {
    int total = 0;
    for (var entry : open.entrySet()) {
      if (addresses.contains(entry.getKey().address())) {
        total += entry.getValue();
      }
    }
    return total;
  }
}

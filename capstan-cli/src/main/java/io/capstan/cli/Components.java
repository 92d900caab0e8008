package io.capstan.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code capstan server} has started, closed in reverse order. Starting a component and
 * closing them all exclude each other, so a SIGTERM that arrives in the middle of start-up waits
 * for the component being started and then stops it with the rest: no pod process is left behind
 * by a server stopped while it was still starting.
 */
final class Components implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Components.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private boolean closed;

  /** Starts a component unless shutdown has begun; a failed start closes what started before. */
  synchronized <T extends AutoCloseable> T start(Callable<T> starter) throws Exception {
    if (closed) {
      throw new IllegalStateException("shutting down");
    }
    T component;
    try {
      component = starter.call();
    } catch (Exception | Error e) {
      closeAll();
      throw e;
    }
    started.push(component);
    return component;
  }

  @Override
  public synchronized void close() {
    closeAll();
  }

  private void closeAll() {
    closed = true;
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (Exception e) {
        LOG.warn("could not stop {}: {}", component.getClass().getSimpleName(), e.toString());
      }
    }
  }
}

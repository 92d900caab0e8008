package io.capstan.bench.watch;

import io.capstan.bench.latency.LatencyRecorder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One watch: on every event, the delay from the write time stamped in the object's annotation to
 * now. fabric8 delivers one watch's events one at a time, but not always on the same thread, so
 * recording is synchronized (uncontended: one recorder per watch).
 */
final class DelayWatcher implements Watcher<ConfigMap> {

  static final String WRITTEN_NANOS = "bench.capstan.io/written-nanos";

  private final LatencyRecorder delays = new LatencyRecorder();
  private final AtomicInteger received;
  private volatile String closedBy = "";

  DelayWatcher(AtomicInteger received) {
    this.received = received;
  }

  @Override
  public void eventReceived(Action action, ConfigMap object) {
    long now = System.nanoTime();
    String written = object.getMetadata().getAnnotations() == null ? null
        : object.getMetadata().getAnnotations().get(WRITTEN_NANOS);
    if (written == null || (action != Action.ADDED && action != Action.MODIFIED)) {
      return;
    }
    synchronized (delays) {
      delays.record(now - Long.parseLong(written));
    }
    received.incrementAndGet();
  }

  @Override
  public void onClose(WatcherException cause) {
    closedBy = cause.getMessage();
  }

  /** Why the server closed the watch early, "" if it did not. */
  String closedBy() {
    return closedBy;
  }

  LatencyRecorder delays() {
    synchronized (delays) {
      return delays;
    }
  }
}

package io.capstan.bench.podstart;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records, per pod name, the {@link System#nanoTime()} at which a watch event first showed the
 * pod's Ready condition True. Started before the creates, so no transition is missed; the
 * condition's own lastTransitionTime is only second-granular, hence the client-side clock.
 */
final class ReadyWatch implements Watcher<Pod> {

  private final Map<String, Long> readyNanos = new ConcurrentHashMap<>();
  private final CountDownLatch allReady;

  ReadyWatch(int expected) {
    this.allReady = new CountDownLatch(expected);
  }

  @Override
  public void eventReceived(Action action, Pod pod) {
    long now = System.nanoTime();
    if ((action == Action.ADDED || action == Action.MODIFIED) && ready(pod)
        && readyNanos.putIfAbsent(pod.getMetadata().getName(), now) == null) {
      allReady.countDown();
    }
  }

  @Override
  public void onClose(WatcherException cause) {
    System.err.println("bench: podstart watch closed: " + cause.getMessage());
  }

  static boolean ready(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return false;
    }
    for (PodCondition condition : pod.getStatus().getConditions()) {
      if ("Ready".equals(condition.getType()) && "True".equals(condition.getStatus())) {
        return true;
      }
    }
    return false;
  }

  /** Waits until every expected pod was seen Ready; false on timeout. */
  boolean awaitAll(long timeout, TimeUnit unit) throws InterruptedException {
    return allReady.await(timeout, unit);
  }

  Map<String, Long> readyNanos() {
    return Map.copyOf(readyNanos);
  }
}

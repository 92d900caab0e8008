package io.capstan.bench.podstart;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records, per milestone and pod name, the {@link System#nanoTime()} at which a watch event first
 * showed the pod past that milestone. Started before the creates, so no transition is missed; the
 * Ready condition's own lastTransitionTime is only second-granular, hence the client-side clock.
 */
final class ReadyWatch implements Watcher<Pod> {

  private final Map<Milestone, Map<String, Long>> seenNanos = new EnumMap<>(Milestone.class);
  private final CountDownLatch allReady;

  ReadyWatch(int expected) {
    this.allReady = new CountDownLatch(expected);
    Milestone.ALL.forEach(m -> seenNanos.put(m, new ConcurrentHashMap<>()));
  }

  @Override
  public void eventReceived(Action action, Pod pod) {
    long now = System.nanoTime();
    if (action != Action.ADDED && action != Action.MODIFIED) {
      return;
    }
    String name = pod.getMetadata().getName();
    for (Milestone milestone : Milestone.ALL) {
      if (milestone.reachedBy(pod) && seenNanos.get(milestone).putIfAbsent(name, now) == null
          && milestone == Milestone.READY) {
        allReady.countDown();
      }
    }
  }

  @Override
  public void onClose(WatcherException cause) {
    System.err.println("bench: podstart watch closed: " + cause.getMessage());
  }

  /** Waits until every expected pod was seen Ready; false on timeout. */
  boolean awaitAll(long timeout, TimeUnit unit) throws InterruptedException {
    return allReady.await(timeout, unit);
  }

  Map<String, Long> readyNanos() {
    return seenNanos(Milestone.READY);
  }

  Map<String, Long> seenNanos(Milestone milestone) {
    return Map.copyOf(seenNanos.get(milestone));
  }
}

package io.capstan.node.agent;

import io.capstan.controller.runtime.draining.Draining;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent's side of the draining handshake ({@link Draining}): before a served pod that is
 * being deleted gets its preStop hooks and SIGTERM, wait until every proxy whose Lease is fresh
 * has acknowledged it on the pod, at most until the deletion's grace runs out.
 *
 * <p>Nothing polls: the proxy Leases come from an informer on {@code kube-node-lease} and the pod
 * from the agent's pod informer (this is one of its handlers); every change wakes the waiters,
 * which re-evaluate a {@link DrainProgress} and otherwise sleep until the deadline or until the
 * first pending proxy's Lease goes stale, whichever is earlier.
 *
 * <p>The deadline is the earlier of the wait's start plus the grace and the pod's
 * {@code deletionTimestamp} (the API server sets it to the deletion's start plus the grace), so a
 * pod whose deletion began before the agent restarted only waits for what remains of its grace.
 */
final class PodDrainer implements ResourceEventHandler<Pod>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PodDrainer.class);

  private final Clock clock;
  private final ServiceCache services;
  private final SharedIndexInformer<Lease> leases;
  /** The latest pod by uid from the pod informer; an empty value means deleted while waited. */
  private final Map<String, Optional<Pod>> pods = new ConcurrentHashMap<>();
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile boolean closed;

  private PodDrainer(Clock clock, ServiceCache services, KubernetesClient client) {
    this.clock = clock;
    this.services = services;
    this.leases = client.leases().inNamespace(Draining.LEASE_NAMESPACE)
        .inform(new Wakeup<>(), 0);
  }

  /** Starts the Lease informer and returns once it has listed. */
  static PodDrainer start(Clock clock, ServiceCache services, KubernetesClient client) {
    return new PodDrainer(clock, services, client);
  }

  /**
   * Waits, if the pod needs it, until the live proxies have drained it.
   *
   * @param grace the deletion's grace period
   * @return the grace left for preStop and SIGTERM: all of it when there was nothing to wait for,
   *     else what remains of it but at least the kubelet's minimum; empty if the agent is closing
   */
  Optional<Duration> drain(PodRecord record, Pod pod, Duration grace) {
    if (grace.isZero() || !Draining.isServed(pod, services.inNamespace(record.namespace))) {
      return Optional.of(grace);
    }
    Instant start = clock.instant();
    if (!DrainProgress.of(pod, leases.getIndexer().list(), start).anyLive()) {
      LOG.debug("pod {} is served but no proxy is live; not draining", record.key());
      return Optional.of(grace);
    }
    waiting.add(record.uid);
    try {
      Optional<Instant> deadline = await(record, pod, start, start.plus(grace));
      return deadline.map(d -> {
        Duration left = Duration.between(clock.instant(), d);
        return left.compareTo(PodKiller.MINIMUM_GRACE) < 0 ? PodKiller.MINIMUM_GRACE : left;
      });
    } finally {
      waiting.remove(record.uid);
      pods.remove(record.uid, Optional.<Pod>empty());
    }
  }

  /** The wait itself; returns the deadline it kept, or empty if the agent is closing. */
  private Optional<Instant> await(PodRecord record, Pod initial, Instant start,
      Instant graceEnd) {
    lock.lock();
    try {
      while (true) {
        if (closed) {
          return Optional.empty();
        }
        Optional<Pod> latest = pods.getOrDefault(record.uid, Optional.of(initial));
        Instant now = clock.instant();
        Instant deadline = deadline(latest.orElse(initial), graceEnd);
        if (latest.isEmpty()) {
          LOG.info("pod {} was removed while draining; stopping it", record.key());
          return Optional.of(deadline);
        }
        DrainProgress progress = DrainProgress.of(latest.get(), leases.getIndexer().list(), now);
        if (progress.done()) {
          LOG.info("pod {} drained in {} ms; acknowledged by {}", record.key(),
              Duration.between(start, now).toMillis(), progress.acknowledged());
          return Optional.of(deadline);
        }
        if (!now.isBefore(deadline)) {
          LOG.warn("pod {} not drained after {} ms; stopping it anyway. Proxies that did not "
              + "acknowledge: {}", record.key(), Duration.between(start, now).toMillis(),
              progress.pending());
          return Optional.of(deadline);
        }
        Instant wake = progress.nextExpiry().filter(e -> e.isBefore(deadline)).orElse(deadline);
        changed.await(Math.max(1, Duration.between(now, wake).toNanos()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  private static Instant deadline(Pod pod, Instant graceEnd) {
    String timestamp = pod.getMetadata().getDeletionTimestamp();
    if (timestamp == null) {
      return graceEnd;
    }
    Instant deletion = ZonedDateTime.parse(timestamp).toInstant();
    return deletion.isBefore(graceEnd) ? deletion : graceEnd;
  }

  @Override
  public void onAdd(Pod pod) {
    pods.put(pod.getMetadata().getUid(), Optional.of(pod));
    wake();
  }

  @Override
  public void onUpdate(Pod oldPod, Pod pod) {
    onAdd(pod);
  }

  @Override
  public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
    String uid = pod.getMetadata().getUid();
    if (waiting.contains(uid)) {
      pods.put(uid, Optional.empty());
      wake();
    } else {
      pods.remove(uid);
    }
  }

  private void wake() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Ends every wait (the agent is stopping) and the Lease informer. */
  @Override
  public void close() {
    closed = true;
    wake();
    leases.close();
  }

  /** Wakes the waiters on any change of a proxy Lease. */
  private final class Wakeup<T> implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T object) {
      wake();
    }

    @Override
    public void onUpdate(T oldObject, T newObject) {
      wake();
    }

    @Override
    public void onDelete(T object, boolean deletedFinalStateUnknown) {
      wake();
    }
  }
}

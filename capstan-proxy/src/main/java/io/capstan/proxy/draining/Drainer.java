package io.capstan.proxy.draining;

import io.capstan.controller.runtime.Scheduler;
import io.capstan.controller.runtime.draining.Draining;
import io.capstan.proxy.routing.ConnectionCounts;
import io.capstan.proxy.routing.RouteTable;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches pods (as the pod informer's handler) for deletion. A pod with a deletionTimestamp gets
 * no new connections from then on ({@link #isTerminating}); if a Service selects it, the proxy
 * acknowledges once its own connections to the pod's addresses are all closed, or once half the
 * pod's grace period has passed since the proxy saw the deletion, whichever comes first. Each pod
 * is acknowledged once, by a merge patch of this node's annotation alone.
 */
public final class Drainer implements ResourceEventHandler<Pod>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Drainer.class);
  private static final Duration PATCH_RETRY = Duration.ofSeconds(2);

  /** One pod being drained. */
  private static final class Drain {
    final String uid;
    final String namespace;
    final String name;
    /** The pod's IPs and the slice addresses it had when the drain began. */
    final Set<String> addresses;
    final AtomicBoolean acknowledging = new AtomicBoolean();
    volatile Scheduler.Cancellable deadline = () -> {};

    Drain(Pod pod, Set<String> sliceAddresses) {
      this.uid = pod.getMetadata().getUid();
      this.namespace = pod.getMetadata().getNamespace();
      this.name = pod.getMetadata().getName();
      this.addresses = podIps(pod);
      this.addresses.addAll(sliceAddresses);
    }
  }

  private final KubernetesClient client;
  private final String annotation;
  private final Supplier<Collection<Service>> services;
  private final RouteTable routes;
  private final ConnectionCounts counts;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Set<String> terminating = ConcurrentHashMap.newKeySet();
  private final Map<String, Drain> drains = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** @param services the Services known now (the informer's cache), to tell served pods */
  public Drainer(KubernetesClient client, String nodeName, Supplier<Collection<Service>> services,
      RouteTable routes, ConnectionCounts counts, Clock clock, Scheduler scheduler) {
    this.client = client;
    this.annotation = Draining.ackAnnotation(nodeName);
    this.services = services;
    this.routes = routes;
    this.counts = counts;
    this.clock = clock;
    this.scheduler = scheduler;
    counts.onIdle(endpoint -> drains.values().forEach(this::acknowledgeIfIdle));
  }

  /** Whether the pod with {@code uid} is marked for deletion, so it gets no new connections. */
  public boolean isTerminating(String uid) {
    return terminating.contains(uid);
  }

  @Override
  public void onAdd(Pod pod) {
    observe(pod);
  }

  @Override
  public void onUpdate(Pod oldPod, Pod pod) {
    observe(pod);
  }

  @Override
  public void onDelete(Pod pod, boolean finalStateUnknown) {
    String uid = pod.getMetadata().getUid();
    terminating.remove(uid);
    Drain drain = drains.remove(uid);
    if (drain != null) {
      drain.deadline.cancel();
    }
  }

  private void observe(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() == null) {
      return;
    }
    String uid = pod.getMetadata().getUid();
    if (terminating.contains(uid)) {
      return;
    }
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    Drain drain = null;
    boolean acknowledgedBefore = annotations != null && annotations.containsKey(annotation);
    if (!acknowledgedBefore && Draining.isServed(pod, services.get())) {
      // Remembered now: once the slices mark the pod terminating, its endpoints leave the
      // routes, but connections already open to them still count.
      drain = new Drain(pod, routes.addressesOf(uid));
      drains.put(uid, drain);
      Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
      Duration half = Duration.ofSeconds(grace == null ? 0 : grace).dividedBy(2);
      Drain started = drain;
      drain.deadline = scheduler.schedule(half, () -> acknowledge(started));
      LOG.debug("draining pod {}/{} (at most {})", drain.namespace, drain.name, half);
    }
    // From here on the selector leaves the pod out, whatever its slices still say.
    terminating.add(uid);
    if (drain != null) {
      acknowledgeIfIdle(drain);
    }
  }

  private void acknowledgeIfIdle(Drain drain) {
    Set<String> addresses = new HashSet<>(drain.addresses);
    addresses.addAll(routes.addressesOf(drain.uid));
    if (counts.openTo(addresses) == 0) {
      acknowledge(drain);
    }
  }

  private void acknowledge(Drain drain) {
    if (closed.get() || !drain.acknowledging.compareAndSet(false, true)) {
      return;
    }
    drain.deadline.cancel();
    Thread.ofVirtual().name("proxy-drain-ack").start(() -> patch(drain));
  }

  private void patch(Drain drain) {
    if (drains.get(drain.uid) != drain) {
      return;
    }
    String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant()
        .truncatedTo(ChronoUnit.SECONDS));
    String body = Serialization.asJson(Map.of("metadata",
        Map.of("annotations", Map.of(annotation, now))));
    try {
      client.pods().inNamespace(drain.namespace).withName(drain.name)
          .patch(PatchContext.of(PatchType.JSON_MERGE), body);
      LOG.debug("acknowledged draining of pod {}/{}", drain.namespace, drain.name);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        LOG.warn("could not acknowledge draining of pod {}/{}: {}; retrying", drain.namespace,
            drain.name, e.getMessage());
        drain.acknowledging.set(false);
        drain.deadline = scheduler.schedule(PATCH_RETRY, () -> acknowledge(drain));
        return;
      }
    }
    drains.remove(drain.uid, drain);
  }

  private static Set<String> podIps(Pod pod) {
    Set<String> out = new HashSet<>();
    if (pod.getStatus() != null) {
      if (pod.getStatus().getPodIP() != null) {
        out.add(pod.getStatus().getPodIP());
      }
      if (pod.getStatus().getPodIPs() != null) {
        pod.getStatus().getPodIPs().stream().map(PodIP::getIp)
            .filter(ip -> ip != null).forEach(out::add);
      }
    }
    return out;
  }

  @Override
  public void close() {
    closed.set(true);
    drains.values().forEach(drain -> drain.deadline.cancel());
  }
}

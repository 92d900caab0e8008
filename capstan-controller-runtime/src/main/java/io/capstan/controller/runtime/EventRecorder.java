package io.capstan.controller.runtime;

import io.capstan.controller.runtime.EventCorrelator.Decision;
import io.capstan.controller.runtime.EventCorrelator.Written;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about objects, as client-go's broadcaster and recorder do.
 *
 * <p>Recording is asynchronous: {@link #record} puts the event on a bounded queue (client-go's
 * 1000) and returns. Controllers report events from hot paths (a ReplicaSet creating hundreds of
 * pods at once), and an event is a diagnostic: making each caller wait for an HTTP write, in turn
 * behind every other caller, would serialise the real work behind it. One writer per recorder, a
 * virtual thread started when there is work and ending when the queue is empty, drains the queue
 * in order. {@link #flush} waits until what was queued before it has been written or dropped.
 *
 * <p>Events are best-effort, and three things drop one without a write: a full queue (the API is
 * slower than the events come; a warning is logged at most once every ten seconds); the spam
 * filter (more than 25 events from this source about one object, refilled at one per 5 minutes,
 * so an object that is always unhealthy cannot flood the API); and a failed write, which is
 * logged, never thrown to the caller and not retried. See {@link EventCorrelator} for the filter
 * and for the aggregation of similar events: a repeat of the same type, reason and message on
 * the same object bumps {@code count} and {@code lastTimestamp} of the event already written,
 * and the 10th distinct message with the same type and reason on an object within 10 minutes
 * is written as one {@code (combined from similar events): ...} event whose count the further
 * ones bump.
 *
 * <p>A component bound to a machine (the kubelet) names it as {@code host}: it goes into
 * {@code source.host} and {@code reportingInstance}, as client-go's recorder does. Events about a
 * part of an object (a pod's container) pass a reference with a {@code fieldPath}; the path is
 * part of what makes two events the same.
 */
public final class EventRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  /** client-go's broadcaster queue length ({@code maxQueuedEvents}). */
  static final int QUEUE_LENGTH = 1000;
  private static final long DROP_LOG_SECONDS = 10;
  private static final String DEFAULT_NAMESPACE = "default";

  private sealed interface Queued permits Pending, FlushMark {}

  private record Pending(ObjectReference involved, EventType type, String reason, String message,
                         Instant at) implements Queued {}

  private record FlushMark(CountDownLatch written) implements Queued {}

  private final KubernetesClient client;
  private final String component;
  private final String host;
  private final Clock clock;
  private final int capacity;
  private final Executor writerStarter;
  private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();
  /** Events (not flush marks) in the queue; bounds it without a lock on the callers' path. */
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong nextDropLogNanos = new AtomicLong(System.nanoTime());
  // Confined to the writer: one runs at a time, and each hands over through `writing`.
  private final EventCorrelator correlator = new EventCorrelator();
  private long lastNameNanos;

  public EventRecorder(KubernetesClient client, String component, Clock clock) {
    this(client, component, "", clock);
  }

  /** @param host the machine the component runs on (the kubelet's node name); empty for none */
  public EventRecorder(KubernetesClient client, String component, String host, Clock clock) {
    this(client, component, host, clock, QUEUE_LENGTH,
        task -> Thread.ofVirtual().name("events-" + component).start(task));
  }

  /** With the queue's capacity and how the writer is started, for tests. */
  EventRecorder(KubernetesClient client, String component, String host, Clock clock,
                int capacity, Executor writerStarter) {
    this.client = client;
    this.component = component;
    this.host = host;
    this.clock = clock;
    this.capacity = capacity;
    this.writerStarter = writerStarter;
  }

  public void normal(HasMetadata object, String reason, String message) {
    record(object, EventType.NORMAL, reason, message);
  }

  public void warning(HasMetadata object, String reason, String message) {
    record(object, EventType.WARNING, reason, message);
  }

  /** Queues an event about {@code object}; never blocks and never throws. */
  public void record(HasMetadata object, EventType type, String reason, String message) {
    record(referenceTo(object), type, reason, message);
  }

  /** Queues an event about {@code involved}, which may name a part of an object by fieldPath. */
  public void record(ObjectReference involved, EventType type, String reason, String message) {
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      droppedForFullQueue(involved, reason);
      return;
    }
    // The time is taken now, not when written: it is when the event happened.
    queue.add(new Pending(involved, type, reason, message, clock.instant()));
    startWriter();
  }

  /** Waits until every event queued before this call has been written or dropped. */
  public void flush() {
    await(mark(), null);
  }

  /** As {@link #flush()}, giving up after {@code timeout}; true if everything was written. */
  public boolean flush(Duration timeout) {
    return await(mark(), timeout);
  }

  private CountDownLatch mark() {
    CountDownLatch written = new CountDownLatch(1);
    queue.add(new FlushMark(written));
    startWriter();
    return written;
  }

  private static boolean await(CountDownLatch written, Duration timeout) {
    try {
      if (timeout == null) {
        written.await();
        return true;
      }
      return written.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void startWriter() {
    if (writing.compareAndSet(false, true)) {
      try {
        writerStarter.execute(this::drain);
      } catch (RuntimeException e) {
        writing.set(false);
        LOG.warn("could not start the event writer: {}", e.toString());
      }
    }
  }

  private void drain() {
    while (true) {
      Queued next;
      while ((next = queue.poll()) != null) {
        switch (next) {
          case Pending pending -> {
            queued.decrementAndGet();
            write(pending);
          }
          case FlushMark mark -> mark.written().countDown();
        }
      }
      writing.set(false);
      // Something queued between the last poll and giving up the flag found it still set and
      // started no writer: take the flag back and write it, unless another writer already has.
      if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
        return;
      }
    }
  }

  private void write(Pending event) {
    ObjectReference involved = event.involved();
    String namespace = Optional.ofNullable(involved.getNamespace()).filter(ns -> !ns.isEmpty())
        .orElse(DEFAULT_NAMESPACE);
    try {
      Optional<Decision> decision = correlator.correlate(involved, namespace, event.type(),
          event.reason(), event.message(), event.at());
      if (decision.isEmpty()) {
        LOG.debug("event {} on {} {}/{} dropped by the spam filter", event.reason(),
            involved.getKind(), namespace, involved.getName());
        return;
      }
      Decision d = decision.get();
      Written previous = d.previous();
      Event stored = previous == null || previous.name() == null
          ? create(involved, namespace, event, d, d.firstTimestamp())
          : bump(previous, involved, event, d);
      correlator.stored(d.key(), new Written(namespace, stored.getMetadata().getName(),
          Optional.ofNullable(stored.getCount()).orElse(d.count()),
          Optional.ofNullable(stored.getFirstTimestamp()).orElse(d.firstTimestamp())));
    } catch (RuntimeException e) {
      LOG.warn("could not record event {} on {} {}/{}: {}", event.reason(), involved.getKind(),
          namespace, involved.getName(), describe(e));
    }
  }

  /** fabric8 wraps I/O failures in a generic message; the cause says what went wrong. */
  private static String describe(RuntimeException e) {
    return e.getCause() == null || e.getCause().getMessage() == null
        ? e.getMessage() : e.getMessage() + " (" + e.getCause() + ")";
  }

  private Event bump(Written previous, ObjectReference involved, Pending event, Decision d) {
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("count", d.count());
    patch.put("lastTimestamp", d.timestamp());
    if (d.aggregate()) {
      // The combined event shows the latest of the messages it stands for, as client-go's does.
      patch.put("message", d.message());
    }
    try {
      // Patching through a named stub sends only the PATCH; patching by name would first GET the
      // event, which recorders such as a node's may not do (Kubernetes lets nodes create, patch
      // and update events, not read them).
      Event stub = new EventBuilder().withNewMetadata().withName(previous.name())
          .withNamespace(previous.namespace()).endMetadata().build();
      return client.v1().events().inNamespace(previous.namespace()).resource(stub)
          .patch(PatchContext.of(PatchType.JSON_MERGE),
              client.getKubernetesSerialization().asJson(patch));
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      // The event expired or was deleted; start a new one that still carries the history.
      return create(involved, previous.namespace(), event, d, previous.firstTimestamp());
    }
  }

  private Event create(ObjectReference involved, String namespace, Pending event, Decision d,
                       String firstTimestamp) {
    Event created = new EventBuilder()
        .withNewMetadata().withName(eventName(involved.getName(), event.at()))
        .withNamespace(namespace).endMetadata()
        .withInvolvedObject(involved)
        .withType(event.type().wireName())
        .withReason(event.reason())
        .withMessage(d.message())
        .withNewSource().withComponent(component).withHost(host.isEmpty() ? null : host)
        .endSource()
        .withReportingComponent(component)
        .withReportingInstance(host.isEmpty() ? null : host)
        .withFirstTimestamp(firstTimestamp)
        .withLastTimestamp(d.timestamp())
        .withCount(d.count())
        .build();
    return client.v1().events().inNamespace(namespace).resource(created).create();
  }

  private void droppedForFullQueue(ObjectReference involved, String reason) {
    long total = dropped.incrementAndGet();
    long now = System.nanoTime();
    long next = nextDropLogNanos.get();
    if (now - next >= 0 && nextDropLogNanos.compareAndSet(next,
        now + TimeUnit.SECONDS.toNanos(DROP_LOG_SECONDS))) {
      LOG.warn("event queue of {} full ({} events): dropped {} on {} {}/{}; {} dropped so far",
          component, capacity, reason, involved.getKind(), involved.getNamespace(),
          involved.getName(), total);
    }
  }

  /** client-go's {@code <object>.<unix nanos in hex>}, kept unique when the clock stands still. */
  private String eventName(String objectName, Instant now) {
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    lastNameNanos = Math.max(nanos, lastNameNanos + 1);
    return objectName + "." + Long.toHexString(lastNameNanos);
  }

  private static ObjectReference referenceTo(HasMetadata object) {
    return new ObjectReferenceBuilder()
        .withApiVersion(object.getApiVersion())
        .withKind(object.getKind())
        .withNamespace(object.getMetadata().getNamespace())
        .withName(object.getMetadata().getName())
        .withUid(object.getMetadata().getUid())
        .withResourceVersion(object.getMetadata().getResourceVersion())
        .build();
  }
}

package io.capstan.controller.runtime;

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
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about objects, as client-go's recorder does. A repeat of the same type,
 * reason and message on the same object bumps {@code count} and {@code lastTimestamp} of the event
 * already written instead of creating another (client-go's correlator in its simplest form; no
 * spam filter and no similar-message aggregation). Writing an event never throws: a failure is
 * logged, because an event is a diagnostic and must not break the reconcile that reports it.
 *
 * <p>A component bound to a machine (the kubelet) names it as {@code host}: it goes into
 * {@code source.host} and {@code reportingInstance}, as client-go's recorder does. Events about a
 * part of an object (a pod's container) pass a reference with a {@code fieldPath}; the path is
 * part of what makes two events the same.
 */
public final class EventRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  /** client-go's correlator cache size. */
  private static final int CACHE_SIZE = 4096;
  private static final String DEFAULT_NAMESPACE = "default";

  private record Identity(String uid, String kind, String namespace, String name,
                          String fieldPath, String type, String reason, String message) {}

  private record Written(String namespace, String name, int count, String firstTimestamp) {}

  private final KubernetesClient client;
  private final String component;
  private final String host;
  private final Clock clock;
  private final Map<Identity, Written> recent = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Identity, Written> eldest) {
      return size() > CACHE_SIZE;
    }
  };
  private long lastNameNanos;

  public EventRecorder(KubernetesClient client, String component, Clock clock) {
    this(client, component, "", clock);
  }

  /** @param host the machine the component runs on (the kubelet's node name); empty for none */
  public EventRecorder(KubernetesClient client, String component, String host, Clock clock) {
    this.client = client;
    this.component = component;
    this.host = host;
    this.clock = clock;
  }

  public Optional<Event> normal(HasMetadata object, String reason, String message) {
    return record(object, EventType.NORMAL, reason, message);
  }

  public Optional<Event> warning(HasMetadata object, String reason, String message) {
    return record(object, EventType.WARNING, reason, message);
  }

  /** Records an event; returns the event as stored, or empty if writing it failed. */
  public Optional<Event> record(HasMetadata object, EventType type, String reason,
                                String message) {
    return record(referenceTo(object), type, reason, message);
  }

  /** Records an event about {@code involved}, which may name a part of an object by fieldPath. */
  public synchronized Optional<Event> record(ObjectReference involved, EventType type,
                                             String reason, String message) {
    String namespace = Optional.ofNullable(involved.getNamespace()).filter(ns -> !ns.isEmpty())
        .orElse(DEFAULT_NAMESPACE);
    Identity identity = new Identity(involved.getUid(), involved.getKind(), namespace,
        involved.getName(), involved.getFieldPath(), type.wireName(), reason, message);
    Instant now = clock.instant();
    String timestamp = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    try {
      Written previous = recent.get(identity);
      Event stored = previous == null
          ? create(involved, namespace, type, reason, message, timestamp, timestamp, 1, now)
          : bump(previous, involved, type, reason, message, timestamp, now);
      recent.put(identity, new Written(namespace, stored.getMetadata().getName(),
          Optional.ofNullable(stored.getCount()).orElse(1), stored.getFirstTimestamp()));
      return Optional.of(stored);
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {} {}/{}: {}", reason, involved.getKind(), namespace,
          involved.getName(), e.getMessage());
      return Optional.empty();
    }
  }

  private Event bump(Written previous, ObjectReference involved, EventType type, String reason,
                     String message, String timestamp, Instant now) {
    int count = previous.count() + 1;
    String patch = "{\"count\":" + count + ",\"lastTimestamp\":\"" + timestamp + "\"}";
    try {
      // Patching through a named stub sends only the PATCH; patching by name would first GET the
      // event, which recorders such as a node's may not do (Kubernetes lets nodes create, patch
      // and update events, not read them).
      Event stub = new EventBuilder().withNewMetadata().withName(previous.name())
          .withNamespace(previous.namespace()).endMetadata().build();
      return client.v1().events().inNamespace(previous.namespace()).resource(stub)
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
      // The event expired or was deleted; start a new one that still carries the history.
      return create(involved, previous.namespace(), type, reason, message,
          previous.firstTimestamp(), timestamp, count, now);
    }
  }

  private Event create(ObjectReference involved, String namespace, EventType type, String reason,
                       String message, String firstTimestamp, String lastTimestamp, int count,
                       Instant now) {
    Event event = new EventBuilder()
        .withNewMetadata().withName(eventName(involved.getName(), now)).withNamespace(namespace)
        .endMetadata()
        .withInvolvedObject(involved)
        .withType(type.wireName())
        .withReason(reason)
        .withMessage(message)
        .withNewSource().withComponent(component).withHost(host.isEmpty() ? null : host)
        .endSource()
        .withReportingComponent(component)
        .withReportingInstance(host.isEmpty() ? null : host)
        .withFirstTimestamp(firstTimestamp)
        .withLastTimestamp(lastTimestamp)
        .withCount(count)
        .build();
    return client.v1().events().inNamespace(namespace).resource(event).create();
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

package io.capstan.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import io.capstan.controllers.endpoints.TriggerTimeTracker;

/**
 * {@code finalize}: applies planned changes in the order creates, updates, deletes, recording each write in the
 * {@link SliceTracker}. Nothing is created for an owner being deleted (the garbage collector is removing its slices),
 * and a create refused because the namespace is terminating ends the sync quietly.
 */
public final class SliceWriter {
  private final KubernetesClient client;
  private final SliceTracker tracker;

  public SliceWriter(KubernetesClient client, SliceTracker tracker) {
    this.client = client;
    this.tracker = tracker;
  }

  /** Writes the changes as planned. */
  public void apply(String ownerKey, String namespace, SliceChanges changes, boolean ownerDeleting) {
    apply(ownerKey, namespace, changes, ownerDeleting, slice -> { });
  }

  /**
   * Writes the changes, stamping each written slice with the trigger time, or removing a stale stamp when the sync
   * has none.
   */
  public void applyWithTriggerTime(String ownerKey, String namespace, SliceChanges changes, boolean ownerDeleting,
                                   Optional<Instant> triggerTime) {
    apply(ownerKey, namespace, changes, ownerDeleting, slice -> annotate(slice, triggerTime));
  }

  private void apply(String ownerKey, String namespace, SliceChanges changes, boolean ownerDeleting,
                     Consumer<EndpointSlice> stamp) {
    var slices = client.discovery().v1().endpointSlices().inNamespace(namespace);
    if (!ownerDeleting) {
      for (EndpointSlice slice : changes.toCreate()) {
        stamp.accept(slice);
        try {
          tracker.update(ownerKey, slices.resource(slice).create());
        } catch (KubernetesClientException e) {
          if (namespaceTerminating(e)) {
            return;
          }
          throw e;
        }
      }
    }
    for (EndpointSlice slice : changes.toUpdate()) {
      stamp.accept(slice);
      tracker.update(ownerKey, slices.resource(slice).update());
    }
    for (EndpointSlice slice : changes.toDelete()) {
      slices.withName(slice.getMetadata().getName()).delete();
      tracker.expectDeletion(ownerKey, slice);
    }
  }

  /** {@code addTriggerTimeAnnotation}. */
  private static void annotate(EndpointSlice slice, Optional<Instant> triggerTime) {
    Map<String, String> annotations = slice.getMetadata().getAnnotations() == null ? new HashMap<>()
        : new HashMap<>(slice.getMetadata().getAnnotations());
    triggerTime.ifPresentOrElse(
        t -> annotations.put(TriggerTimeTracker.ANNOTATION, TriggerTimeTracker.format(t)),
        () -> annotations.remove(TriggerTimeTracker.ANNOTATION));
    slice.getMetadata().setAnnotations(annotations);
  }

  private static boolean namespaceTerminating(KubernetesClientException e) {
    var status = e.getStatus();
    return status != null && status.getDetails() != null && status.getDetails().getCauses() != null
        && status.getDetails().getCauses().stream().anyMatch(c -> "NamespaceTerminating".equals(c.getReason()));
  }
}

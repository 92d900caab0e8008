package io.capstan.controllers.endpoints;

import io.capstan.controller.runtime.Keys;
import io.capstan.controller.runtime.Reconciler;
import io.capstan.controller.runtime.Result;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * {@code syncService} of the Endpoints controller: computes the subsets of a Service with a selector and writes the
 * Endpoints only when its subsets, labels or over-capacity annotation differ from them; deletes the Endpoints of a
 * Service that is gone; leaves selector-less and ExternalName Services alone.
 */
final class EndpointsReconciler implements Reconciler {
  static final String HEADLESS_LABEL = "service.kubernetes.io/headless";
  static final String OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";

  private final KubernetesClient client;
  private final SharedIndexInformer<Service> services;
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<Endpoints> endpoints;
  private final TriggerTimeTracker triggerTimes = new TriggerTimeTracker();
  private final KubernetesSerialization serialization;

  EndpointsReconciler(KubernetesClient client, SharedIndexInformer<Service> services, SharedIndexInformer<Pod> pods,
                      SharedIndexInformer<Endpoints> endpoints) {
    this.client = client;
    this.services = services;
    this.pods = pods;
    this.endpoints = endpoints;
    this.serialization = client.getKubernetesSerialization();
  }

  @Override
  public Result reconcile(String key) {
    String namespace = Keys.namespace(key).orElseThrow();
    String name = Keys.name(key);
    Service service = services.getStore().getByKey(key);
    if (service == null) {
      triggerTimes.forget(key);
      // Upstream sets no owner on Endpoints, so removing them is this controller's job.
      client.endpoints().inNamespace(namespace).withName(name).delete();
      return Result.done();
    }
    if (!PodEndpoints.selectsPods(service)) {
      return Result.done();
    }
    List<Pod> selected = PodServiceKeys.selectedPods(service, pods);
    Optional<Instant> triggerTime = triggerTimes.compute(key, service, selected);
    List<EndpointSubset> full = DesiredSubsets.of(service, selected);
    List<EndpointSubset> subsets = Subsets.truncate(full);
    boolean truncated = subsets != full;
    Map<String, String> labels = labels(service);
    Endpoints current = endpoints.getStore().getByKey(key);
    if (current != null && upToDate(current, subsets, labels, truncated)) {
      return Result.done();
    }
    Map<String, String> annotations = current == null || current.getMetadata().getAnnotations() == null
        ? new LinkedHashMap<>() : new LinkedHashMap<>(current.getMetadata().getAnnotations());
    triggerTime.ifPresentOrElse(t -> annotations.put(TriggerTimeTracker.ANNOTATION, TriggerTimeTracker.format(t)),
        () -> annotations.remove(TriggerTimeTracker.ANNOTATION));
    if (truncated) {
      annotations.put(OVER_CAPACITY, "truncated");
    } else {
      annotations.remove(OVER_CAPACITY);
    }
    EndpointsBuilder desired = current == null
        ? new EndpointsBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        : new EndpointsBuilder(current);
    Endpoints updated = desired.editMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
        .withSubsets(subsets).build();
    write(namespace, updated, current == null);
    return Result.done();
  }

  private void write(String namespace, Endpoints updated, boolean create) {
    var resource = client.endpoints().inNamespace(namespace).resource(updated);
    try {
      if (create) {
        resource.create();
      } else {
        resource.update();
      }
    } catch (KubernetesClientException e) {
      // A create refused as forbidden is a terminating namespace: nothing more can be done there (as upstream).
      if (!(create && e.getCode() == 403)) {
        throw e;
      }
    }
  }

  /** The Service's labels plus the headless marker for a Service without a cluster IP. */
  static Map<String, String> labels(Service service) {
    Map<String, String> labels = new HashMap<>();
    if (service.getMetadata().getLabels() != null) {
      labels.putAll(service.getMetadata().getLabels());
    }
    if (PodEndpoints.isServiceIpSet(service)) {
      labels.remove(HEADLESS_LABEL);
    } else {
      labels.put(HEADLESS_LABEL, "");
    }
    return labels;
  }

  /**
   * Upstream compares the untruncated subsets with the stored ones, so an over-capacity Endpoints is rewritten on
   * every sync; comparing the truncated form keeps a settled sync free of writes.
   */
  private boolean upToDate(Endpoints current, List<EndpointSubset> subsets, Map<String, String> labels,
                           boolean truncated) {
    Map<String, String> currentLabels = current.getMetadata().getLabels() == null ? Map.of()
        : current.getMetadata().getLabels();
    Map<String, String> annotations = current.getMetadata().getAnnotations() == null ? Map.of()
        : current.getMetadata().getAnnotations();
    boolean capacityNoted = truncated ? "truncated".equals(annotations.get(OVER_CAPACITY))
        : !annotations.containsKey(OVER_CAPACITY);
    return capacityNoted && currentLabels.equals(labels)
        && Objects.equals(tree(current.getSubsets()), tree(subsets));
  }

  private JsonNode tree(List<EndpointSubset> subsets) {
    return serialization.convertValue(subsets == null ? List.of() : subsets, JsonNode.class);
  }
}

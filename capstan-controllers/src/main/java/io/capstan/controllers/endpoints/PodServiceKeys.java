package io.capstan.controllers.endpoints;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.Keys;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.List;

/**
 * {@code GetPodServiceMemberships}: the keys of the Services in a pod's namespace whose selector matches it. A pod
 * update must also reach the Services of the pod's previous labels (it may have left them), which the runner's own
 * handler does not see, hence {@link #previousLabelsHandler}.
 */
public final class PodServiceKeys {
  private PodServiceKeys() {}

  public static List<String> of(Pod pod, SharedIndexInformer<Service> services) {
    return services.getIndexer().byIndex(Cache.NAMESPACE_INDEX, pod.getMetadata().getNamespace()).stream()
        .filter(service -> PodEndpoints.selectedBy(pod, service)).map(Keys::of).toList();
  }

  /** Pods in the namespace of a Service that its selector matches, from the cache. */
  public static List<Pod> selectedPods(Service service, SharedIndexInformer<Pod> pods) {
    return pods.getIndexer().byIndex(Cache.NAMESPACE_INDEX, service.getMetadata().getNamespace()).stream()
        .filter(pod -> PodEndpoints.selectedBy(pod, service)).toList();
  }

  /** Enqueues, on a pod update whose labels changed, the Services that selected the old pod. */
  public static ResourceEventHandler<Pod> previousLabelsHandler(SharedIndexInformer<Service> services,
                                                                Controller controller) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {}

      @Override
      public void onUpdate(Pod oldPod, Pod newPod) {
        if (!java.util.Objects.equals(oldPod.getMetadata().getLabels(), newPod.getMetadata().getLabels())) {
          of(oldPod, services).forEach(controller.queue()::add);
        }
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {}
    };
  }
}

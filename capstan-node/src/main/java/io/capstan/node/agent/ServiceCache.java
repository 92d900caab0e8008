package io.capstan.node.agent;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every Service of the cluster, from one informer: the service-link variables of containers that
 * start, and the Services that decide whether a terminating pod must be drained. Started (and
 * listed) before any pod runs, as the kubelet waits for its service lister, so that a container
 * starting right after the agent does not miss {@code KUBERNETES_SERVICE_HOST}.
 */
final class ServiceCache implements ServiceVariables, AutoCloseable {

  private final SharedIndexInformer<Service> informer;

  private ServiceCache(SharedIndexInformer<Service> informer) {
    this.informer = informer;
  }

  /** Starts the informer and returns once it has listed. */
  static ServiceCache start(KubernetesClient client) {
    return new ServiceCache(client.services().inAnyNamespace().inform());
  }

  /** The Services of {@code namespace}. */
  List<Service> inNamespace(String namespace) {
    return informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  @Override
  public Map<String, String> forPod(Pod pod) {
    List<Service> candidates = new ArrayList<>(inNamespace(pod.getMetadata().getNamespace()));
    Service master = informer.getIndexer().getByKey(ServiceLinkVariables.MASTER_NAMESPACE + "/"
        + ServiceLinkVariables.MASTER_SERVICE);
    if (master != null) {
      candidates.add(master);
    }
    return ServiceLinkVariables.forPod(pod, candidates);
  }

  @Override
  public void close() {
    informer.close();
  }
}

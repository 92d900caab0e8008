package io.capstan.node.agent;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the node's pod range, which the controller manager's node IPAM writes into {@code
 * spec.podCIDR} once the Node is registered — as the kubelet waits before it runs pods that need
 * the pod network.
 */
final class PodCidrWait {

  private static final Logger LOG = LoggerFactory.getLogger(PodCidrWait.class);

  private PodCidrWait() {}

  static String awaitPodCidr(KubernetesClient client, String nodeName, Duration timeout) {
    try {
      Node node = client.nodes().withName(nodeName).waitUntilCondition(
          n -> n != null && !podCidr(n).isEmpty(), timeout.toMillis(), TimeUnit.MILLISECONDS);
      String cidr = podCidr(node);
      LOG.info("node {} has pod range {}", nodeName, cidr);
      return cidr;
    } catch (KubernetesClientException e) {
      throw new IllegalStateException("node " + nodeName + " got no pod range (spec.podCIDR) "
          + "within " + timeout.toSeconds() + " s; the cluster's --pod-cidr may have no range "
          + "left for another node (" + e.getMessage() + ")", e);
    }
  }

  private static String podCidr(Node node) {
    return node.getSpec() == null || node.getSpec().getPodCIDR() == null ? ""
        : node.getSpec().getPodCIDR();
  }
}

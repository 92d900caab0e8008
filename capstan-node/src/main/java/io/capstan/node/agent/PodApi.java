package io.capstan.node.agent;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's two writes to pods: the status subresource (a merge patch of the whole status,
 * whose lists replace the stored ones), and the final delete of a terminated pod with grace 0 and
 * a uid precondition, so a pod recreated under the same name is never deleted by mistake.
 */
final class PodApi {

  private static final Logger LOG = LoggerFactory.getLogger(PodApi.class);

  private final KubernetesClient client;

  PodApi(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Patches the status if it differs from what was last written, or if the API's copy no longer
   * shows the Ready condition written (the node lifecycle controller sets it to False while the
   * node is unreachable; the kubelet's status manager puts its own view back the same way).
   * False if the pod is gone.
   */
  boolean writeStatus(PodRecord record, PodStatus status) {
    if (record.lastWritten.isPresent() && record.lastWritten.get().equals(status)
        && ready(record.pod.getStatus()).equals(ready(status))) {
      return true;
    }
    String body = "{\"status\":" + Serialization.asJson(status) + "}";
    try {
      client.pods().inNamespace(record.namespace).withName(record.name).subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), body);
      record.lastWritten = java.util.Optional.of(status);
      record.conditions = status.getConditions();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private static String ready(PodStatus status) {
    if (status == null || status.getConditions() == null) {
      return "";
    }
    return status.getConditions().stream().filter(c -> "Ready".equals(c.getType()))
        .map(c -> String.valueOf(c.getStatus())).findFirst().orElse("");
  }

  /** Deletes the pod for good once its containers are gone, as the kubelet's status manager does. */
  void deleteFinally(Pod pod) {
    String path = "api/v1/namespaces/" + encode(pod.getMetadata().getNamespace()) + "/pods/"
        + encode(pod.getMetadata().getName());
    String url = client.getMasterUrl().toString();
    url = (url.endsWith("/") ? url : url + "/") + path;
    Map<String, Object> options = Map.of("apiVersion", "v1", "kind", "DeleteOptions",
        "gracePeriodSeconds", 0, "preconditions", Map.of("uid", pod.getMetadata().getUid()));
    try {
      client.raw(url, "DELETE", options);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) {
        throw e;
      }
      LOG.debug("pod {}/{} already gone or replaced: {}", pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(), e.getMessage());
    }
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }
}

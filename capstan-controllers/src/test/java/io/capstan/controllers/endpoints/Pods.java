package io.capstan.controllers.endpoints;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.Map;

/** Pod and Service objects for the pure tests, built as the API would return them. */
public final class Pods {
  private Pods() {}

  /** A pod named {@code name} with IP {@code ip}, Ready as given, a container port "http" 8080. */
  public static Pod pod(String name, String ip, boolean ready) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid("uid-" + name)
        .withLabels(Map.of("app", "web")).endMetadata()
        .withNewSpec().withNodeName("node-1").addNewContainer().withName("c").withImage("i")
        .withPorts(new ContainerPortBuilder().withName("http").withContainerPort(8080).withProtocol("TCP").build())
        .endContainer().endSpec()
        .withNewStatus().withPhase("Running").withPodIP(ip)
        .withConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build())
        .endStatus().build();
  }

  public static Pod terminating(Pod pod) {
    return new PodBuilder(pod).editMetadata().withDeletionTimestamp("2025-01-01T00:00:00Z").endMetadata().build();
  }

  public static Pod phase(Pod pod, String phase) {
    return new PodBuilder(pod).editStatus().withPhase(phase).endStatus().build();
  }

  /** A Service "web" selecting app=web with port "http" 80 → {@code target}. */
  public static Service service(IntOrString target, boolean publishNotReady) {
    return new ServiceBuilder().withNewMetadata().withName("web").withNamespace("ns").withUid("svc-uid")
        .endMetadata().withNewSpec().withSelector(Map.of("app", "web")).withClusterIP("127.96.0.10")
        .withPublishNotReadyAddresses(publishNotReady)
        .withPorts(new ServicePortBuilder().withName("http").withPort(80).withProtocol("TCP")
            .withTargetPort(target).build())
        .endSpec().build();
  }
}

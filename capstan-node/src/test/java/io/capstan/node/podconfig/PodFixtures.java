package io.capstan.node.podconfig;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.Map;

/** Pods, containers and env entries for the pod-config tests. */
final class PodFixtures {

  static final String NS = "default";
  static final String UID = "0b1e5c7a-uid";

  private PodFixtures() {}

  static Pod pod(Container container, Volume... volumes) {
    return new PodBuilder()
        .withNewMetadata().withNamespace(NS).withName("web-1").withUid(UID)
        .withLabels(Map.of("app", "web", "tier", "front"))
        .withAnnotations(Map.of("note", "say \"hi\"\n", "example.com/owner", "ops"))
        .endMetadata()
        .withNewSpec().withNodeName("node-a").withServiceAccountName("builder")
        .withContainers(container).withVolumes(volumes).endSpec()
        .withNewStatus().withPodIP("10.0.0.7")
        .withPodIPs(new PodIP("10.0.0.7"), new PodIP("fd00::7"))
        .withHostIP("192.168.1.5").withHostIPs(new HostIP("192.168.1.5"), new HostIP("fd01::5"))
        .endStatus().build();
  }

  static Container container(List<EnvFromSource> envFrom, List<EnvVar> env) {
    return new ContainerBuilder().withName("app").withImage("busybox")
        .withEnvFrom(envFrom).withEnv(env)
        .withNewResources().addToLimits("cpu", new Quantity("250m"))
        .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("64Mi"))
        .endResources().build();
  }

  static EnvVar value(String name, String value) {
    return new EnvVar(name, value, null);
  }

  static EnvVar field(String name, String path) {
    return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef()
        .withApiVersion("v1").withFieldPath(path).endFieldRef().endValueFrom().build();
  }

  static EnvVar resource(String name, String resource, String divisor) {
    return new EnvVarBuilder().withName(name).withNewValueFrom().withNewResourceFieldRef()
        .withResource(resource).withDivisor(divisor == null ? null : new Quantity(divisor))
        .endResourceFieldRef().endValueFrom().build();
  }

  static EnvVar configMapKey(String name, String configMap, String key, Boolean optional) {
    return new EnvVarBuilder().withName(name).withNewValueFrom().withNewConfigMapKeyRef()
        .withName(configMap).withKey(key).withOptional(optional).endConfigMapKeyRef()
        .endValueFrom().build();
  }

  static EnvVar secretKey(String name, String secret, String key, Boolean optional) {
    return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
        .withName(secret).withKey(key).withOptional(optional).endSecretKeyRef()
        .endValueFrom().build();
  }

  static EnvFromSource fromConfigMap(String name, String prefix, Boolean optional) {
    return new EnvFromSourceBuilder().withPrefix(prefix).withNewConfigMapRef()
        .withName(name).withOptional(optional).endConfigMapRef().build();
  }

  static EnvFromSource fromSecret(String name, String prefix, Boolean optional) {
    return new EnvFromSourceBuilder().withPrefix(prefix).withNewSecretRef()
        .withName(name).withOptional(optional).endSecretRef().build();
  }
}

package io.capstan.node.agent;

import io.capstan.node.podconfig.ConfigSource;
import io.capstan.node.podconfig.ContainerConfigError;
import io.capstan.node.podconfig.ContainerInputs;
import io.capstan.node.podconfig.KubeletContainerInputs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.Map;

/**
 * The kubelet's container inputs with the service-link variables of the moment the container
 * starts: they have the lowest precedence (the container's own {@code env} and {@code envFrom}
 * win) and serve {@code $(VAR)} expansion. A running container keeps the environment it started
 * with, so Services created later only reach its next run.
 */
final class ServiceLinkedInputs implements ContainerInputs {

  private final ConfigSource source;
  private final ServiceVariables services;

  ServiceLinkedInputs(ConfigSource source, ServiceVariables services) {
    this.source = source;
    this.services = services;
  }

  @Override
  public Resolved resolve(Pod pod, Container container, Map<String, Path> volumes)
      throws ContainerConfigError {
    return new KubeletContainerInputs(source, services.forPod(pod), Map.of())
        .resolve(pod, container, volumes);
  }
}

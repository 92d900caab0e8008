package io.capstan.node.podconfig;

import io.capstan.node.runtime.ContainerConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Resolves what one container of a pod is given: its environment in Kubernetes' order, its command
 * and args with {@code $(VAR)} expanded against that environment, and its mounts on the host paths
 * of the pod's prepared volumes. The pod carries {@code status.podIP}, {@code status.hostIP} and
 * {@code spec.nodeName} for downward-API references; environment is resolved once per container
 * start, so a running container's environment never changes.
 */
public interface ContainerInputs {

  Resolved resolve(Pod pod, Container container, Map<String, Path> volumes)
      throws ContainerConfigError;

  /** The resolved parts of a runtime {@link ContainerConfig}. */
  record Resolved(
      List<String> command,
      List<String> args,
      List<ContainerConfig.EnvVar> env,
      List<ContainerConfig.Mount> mounts) {

    public Resolved {
      command = List.copyOf(command);
      args = List.copyOf(args);
      env = List.copyOf(env);
      mounts = List.copyOf(mounts);
    }
  }
}

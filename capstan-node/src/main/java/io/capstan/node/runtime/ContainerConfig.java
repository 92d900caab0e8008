package io.capstan.node.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One container to create (CRI's ContainerConfig): the agent has already resolved the environment,
 * expanded {@code $(VAR)} references in command and args, and prepared the host side of every
 * mount. {@code command} is the executable and its fixed arguments (empty: the image's
 * entrypoint), {@code args} follow it. {@code logPath} is relative to the sandbox's log directory
 * and receives stdout and stderr in CRI's log format
 * ({@code <RFC3339Nano time> <stdout|stderr> <F|P> <text>}).
 */
public record ContainerConfig(
    String name,
    int attempt,
    String image,
    List<String> command,
    List<String> args,
    String workingDir,
    List<EnvVar> env,
    List<Mount> mounts,
    Path logPath,
    Map<String, String> labels,
    Map<String, String> annotations) {

  public ContainerConfig {
    command = List.copyOf(command);
    args = List.copyOf(args);
    env = List.copyOf(env);
    mounts = List.copyOf(mounts);
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  /** A resolved environment variable, in the order Kubernetes gives them to the container. */
  public record EnvVar(String name, String value) {}

  /**
   * A host path made visible at {@code containerPath}. {@code hostPath} already points at the
   * subPath when the volume mount has one.
   */
  public record Mount(String containerPath, Path hostPath, boolean readOnly) {}
}

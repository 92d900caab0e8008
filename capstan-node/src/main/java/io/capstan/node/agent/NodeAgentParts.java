package io.capstan.node.agent;

import io.capstan.node.podconfig.ConfigSource;
import io.capstan.node.podconfig.ContainerInputs;
import io.capstan.node.podconfig.PodVolumes;
import io.capstan.node.probe.LifecycleHooks;
import io.capstan.node.probe.ProbeListener;
import io.capstan.node.probe.ProbeManager;
import io.capstan.node.runtime.ContainerRuntime;
import java.util.Objects;
import java.util.function.Function;

/**
 * The pieces a {@link NodeAgent} is built from, each behind its SPI. Those that need what the
 * agent creates (its ConfigMap/Secret cache, its probe listener, its log locator) are factories.
 * The agent owns them all once started: it closes the runtime, the probe manager and the log
 * endpoint when it closes.
 *
 * @param runtime runs sandboxes and containers
 * @param inputs resolves a container's environment, command and mounts
 * @param volumes prepares pod volumes on the host
 * @param probes runs probe workers reporting to the given listener
 * @param hooks runs postStart and preStop handlers
 * @param logEndpoint serves container logs over HTTP for the node
 */
public record NodeAgentParts(
    ContainerRuntime runtime,
    Function<ConfigSource, ContainerInputs> inputs,
    Function<ConfigSource, PodVolumes> volumes,
    Function<ProbeListener, ProbeManager> probes,
    LifecycleHooks hooks,
    LogEndpoint.Factory logEndpoint) {

  public NodeAgentParts {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(volumes, "volumes");
    Objects.requireNonNull(probes, "probes");
    Objects.requireNonNull(hooks, "hooks");
    Objects.requireNonNull(logEndpoint, "logEndpoint");
  }
}

package io.capstan.node.agent;

import io.capstan.controller.runtime.Scheduler;
import io.capstan.node.podconfig.ConfigSource;
import io.capstan.node.podconfig.ContainerInputs;
import io.capstan.node.podconfig.HostPodVolumes;
import io.capstan.node.podconfig.PodVolumes;
import io.capstan.node.probe.HandlerRunner;
import io.capstan.node.probe.LifecycleHooks;
import io.capstan.node.probe.ProbeListener;
import io.capstan.node.probe.ProbeManager;
import io.capstan.node.probe.ProbeWorkers;
import io.capstan.node.runtime.ContainerRuntime;
import io.capstan.node.runtime.ExecCapable;
import java.time.Clock;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The pieces a {@link NodeAgent} is built from, each behind its SPI. Those that need what the
 * agent creates (its ConfigMap/Secret cache, its Service cache, its probe listener) are factories. The agent owns
 * them once started: it closes the runtime and the probe manager when it closes.
 *
 * @param runtime runs sandboxes and containers
 * @param inputs resolves a container's environment (with the service-link variables of the
 *     pod, which the agent computes from its Services), command and mounts
 * @param volumes prepares pod volumes on the host
 * @param probes runs probe workers reporting to the given listener
 * @param hooks runs postStart and preStop handlers
 */
public record NodeAgentParts(
    ContainerRuntime runtime,
    BiFunction<ConfigSource, ServiceVariables, ContainerInputs> inputs,
    Function<ConfigSource, PodVolumes> volumes,
    Function<ProbeListener, ProbeManager> probes,
    LifecycleHooks hooks) {

  public NodeAgentParts {
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(volumes, "volumes");
    Objects.requireNonNull(probes, "probes");
    Objects.requireNonNull(hooks, "hooks");
  }

  /**
   * The kubelet's own pieces around {@code runtime}: kubelet environment resolution (service-link
   * variables included), volumes under
   * the agent's pods directory, probe workers and hooks (exec ones only if the runtime can exec).
   */
  public static NodeAgentParts standard(ContainerRuntime runtime, NodeAgentConfig config,
      Clock clock, Scheduler scheduler) {
    ExecCapable exec = runtime instanceof ExecCapable capable ? capable : null;
    return new NodeAgentParts(runtime, ServiceLinkedInputs::new,
        source -> new HostPodVolumes(config.podsDir(), source, clock),
        listener -> new ProbeWorkers(exec, listener, scheduler, clock),
        new HandlerRunner(exec, scheduler));
  }
}

package io.capstan.node.agent;

import io.capstan.node.podconfig.ContainerInputs;
import io.capstan.node.podconfig.PodVolumes;
import io.capstan.node.probe.LifecycleHooks;
import io.capstan.node.probe.ProbeManager;
import io.capstan.node.runtime.ContainerRuntime;
import java.time.Clock;

/** What a pod's sync works with: the node's collaborators, shared by every pod worker. */
record AgentServices(
    NodeAgentConfig config,
    Clock clock,
    ContainerRuntime runtime,
    ContainerInputs inputs,
    PodVolumes volumes,
    ProbeManager probes,
    LifecycleHooks hooks,
    PodAddresses addresses,
    CrashLoopBackoff backoff,
    ImagePuller images,
    PodApi api,
    PodEvents events,
    PodDrainer drainer) {

  /** {@code process://<id>}: the runtime's name and the container id, as the status shows it. */
  String containerId(String id) {
    return runtime.version().runtimeName() + "://" + id;
  }
}

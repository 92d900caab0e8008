package io.capstan.node.agent;

import java.time.Instant;
import java.util.List;

/** A snapshot of one pod as the agent runs it, input of {@link PodStatusCalculator}. */
record PodView(
    String podIp,
    String hostIp,
    Instant startTime,
    boolean sandboxReady,
    List<ContainerView> initContainers,
    List<ContainerView> containers) {

  PodView {
    initContainers = List.copyOf(initContainers);
    containers = List.copyOf(containers);
  }
}

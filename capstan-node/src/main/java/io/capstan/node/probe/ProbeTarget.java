package io.capstan.node.probe;

import io.fabric8.kubernetes.api.model.Container;
import java.time.Instant;

/**
 * One running container to probe: its pod, its spec (the probes and named ports), the runtime
 * id (for exec probes) and the pod's IP (the default host of httpGet and tcpSocket probes).
 */
public record ProbeTarget(
    String podUid,
    String namespace,
    String podName,
    Container container,
    String containerId,
    String podIp,
    Instant startedAt) {}

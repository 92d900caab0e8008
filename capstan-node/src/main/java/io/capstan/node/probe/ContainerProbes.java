package io.capstan.node.probe;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The probe workers of one running container and the gate between them: the container counts as
 * started once its startup probe succeeded, or at once if it has none. When the startup probe
 * succeeds its worker stops and the readiness probe runs straight away, as the kubelet triggers a
 * readiness probe for a started container that is not ready yet.
 */
final class ContainerProbes {

  private final Map<ProbeType, ProbeWorker> workers = new EnumMap<>(ProbeType.class);
  private volatile boolean started;

  ContainerProbes(ProbeTarget target, Instant startedAt, ProbeWorker.Context context) {
    var container = target.container();
    if (container.getStartupProbe() != null) {
      workers.put(ProbeType.STARTUP, new ProbeWorker(ProbeType.STARTUP,
          container.getStartupProbe(), target, startedAt, this, context));
    }
    if (container.getReadinessProbe() != null) {
      workers.put(ProbeType.READINESS, new ProbeWorker(ProbeType.READINESS,
          container.getReadinessProbe(), target, startedAt, this, context));
    }
    if (container.getLivenessProbe() != null) {
      workers.put(ProbeType.LIVENESS, new ProbeWorker(ProbeType.LIVENESS,
          container.getLivenessProbe(), target, startedAt, this, context));
    }
    started = !workers.containsKey(ProbeType.STARTUP);
  }

  void start() {
    workers.values().forEach(ProbeWorker::start);
  }

  void stop() {
    workers.values().forEach(ProbeWorker::stop);
  }

  boolean started() {
    return started;
  }

  void onStarted() {
    started = true;
    ProbeWorker startup = workers.get(ProbeType.STARTUP);
    if (startup != null) {
      startup.stop();
    }
    ProbeWorker readiness = workers.get(ProbeType.READINESS);
    if (readiness != null) {
      readiness.probeIfDue();
    }
  }
}

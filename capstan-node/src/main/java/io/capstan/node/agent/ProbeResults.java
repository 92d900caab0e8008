package io.capstan.node.agent;

import io.capstan.node.probe.ProbeListener;
import io.capstan.node.probe.ProbeTarget;
import io.capstan.node.probe.ProbeType;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns probe results into container flags (ready, started, liveness or startup failed) and syncs
 * the pod, which writes readiness into the status and restarts a container whose liveness or
 * startup probe failed. A failure (a result that flipped to failed, with the probe's output) is
 * also the kubelet's {@code Unhealthy} event; the probe workers report flips only, so a failure
 * streak makes one event, not one per failed probe.
 */
final class ProbeResults implements ProbeListener {

  private static final Logger LOG = LoggerFactory.getLogger(ProbeResults.class);

  private final AtomicReference<PodWorkers> workers = new AtomicReference<>();
  private final PodEvents events;

  ProbeResults(PodEvents events) {
    this.events = events;
  }

  /** Connects the workers, which exist only after the probe manager does. */
  void attach(PodWorkers podWorkers) {
    workers.set(podWorkers);
  }

  @Override
  public void onResult(ProbeTarget target, ProbeType type, boolean success, String message) {
    PodWorkers current = workers.get();
    if (current == null) {
      return;
    }
    current.record(target.podUid()).ifPresent(record -> record.byId(target.containerId())
        .ifPresent(container -> {
          // The initial "not ready" of a readiness probe carries no output: it is no failure.
          if (!success && message != null && !message.isEmpty()) {
            LOG.info("{} probe of container {} in pod {}/{} failed: {}", type, container.name,
                target.namespace(), target.podName(), message);
            events.unhealthy(record.pod, container.name, type, message);
          }
          switch (type) {
            case READINESS -> container.ready = success;
            case STARTUP -> {
              container.started = success;
              container.startupFailed = !success;
            }
            case LIVENESS -> container.livenessFailed = !success;
          }
          current.signal(target.podUid());
        }));
  }
}

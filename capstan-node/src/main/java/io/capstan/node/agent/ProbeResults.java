package io.capstan.node.agent;

import io.capstan.node.probe.ProbeListener;
import io.capstan.node.probe.ProbeTarget;
import io.capstan.node.probe.ProbeType;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns probe results into container flags (ready, started, liveness failed) and syncs the pod,
 * which writes readiness into the status and restarts a container whose liveness failed.
 */
final class ProbeResults implements ProbeListener {

  private static final Logger LOG = LoggerFactory.getLogger(ProbeResults.class);

  private final AtomicReference<PodWorkers> workers = new AtomicReference<>();

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
    current.record(target.podUid()).flatMap(record -> record.byId(target.containerId()))
        .ifPresent(container -> {
          if (!success && message != null && !message.isEmpty()) {
            LOG.info("{} probe of container {} in pod {}/{} failed: {}", type, container.name,
                target.namespace(), target.podName(), message);
          }
          switch (type) {
            case READINESS -> container.ready = success;
            case STARTUP -> container.started = success;
            case LIVENESS -> container.livenessFailed = !success;
          }
          current.signal(target.podUid());
        });
  }
}

package io.capstan.node.agent;

import io.capstan.node.runtime.ContainerRuntime;
import io.capstan.node.runtime.ContainerStatus;
import io.capstan.node.runtime.RuntimeFailure;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's PLEG: lists the runtime's containers every relist interval and signals the pods
 * whose containers changed state (typically: one exited), so exits are noticed within a second
 * without a sync per pod per second.
 */
final class Relister {

  private static final Logger LOG = LoggerFactory.getLogger(Relister.class);

  private final ContainerRuntime runtime;
  private final PodWorkers workers;
  private Map<String, String> last = Map.of();

  Relister(ContainerRuntime runtime, PodWorkers workers) {
    this.runtime = runtime;
    this.workers = workers;
  }

  synchronized void relist() {
    Map<String, Map<String, String>> byPod = new HashMap<>();
    try {
      for (ContainerStatus container : runtime.listContainers()) {
        String uid = container.labels().get(PodSync.UID_LABEL);
        if (uid != null) {
          byPod.computeIfAbsent(uid, k -> new TreeMap<>()).put(container.id(),
              container.state().name());
        }
      }
    } catch (RuntimeFailure e) {
      LOG.warn("could not list containers: {}", e.getMessage());
      return;
    }
    Map<String, String> current = new HashMap<>();
    byPod.forEach((uid, states) -> current.put(uid, states.toString()));
    current.forEach((uid, fingerprint) -> {
      if (!fingerprint.equals(last.get(uid))) {
        workers.signal(uid);
      }
    });
    last = current;
  }
}

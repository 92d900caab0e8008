package io.capstan.node.simulated;

import io.capstan.controller.runtime.Scheduler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the kubelet for pods bound to the simulated nodes: informer events start a pod's life,
 * scheduler tasks move it along, and each step is one merge patch of the status subresource.
 * State per pod is a {@link PodRun} plus at most one pending task, so there are no per-pod threads.
 */
final class PodSimulator implements ResourceEventHandler<Pod> {

  private static final Logger LOG = LoggerFactory.getLogger(PodSimulator.class);

  private final KubernetesClient client;
  private final Clock clock;
  private final Scheduler scheduler;
  private final SimulatedNodesConfig config;
  private final Map<String, String> nodeAddresses;
  private final Addresses addresses = new Addresses();
  private final Map<String, Tracked> pods = new ConcurrentHashMap<>();

  /** One pod's state; all access synchronized on the instance. */
  private static final class Tracked {
    Pod pod;
    PodRun run;
    Scheduler.Cancellable pending = () -> {};
  }

  PodSimulator(KubernetesClient client, Clock clock, Scheduler scheduler,
      SimulatedNodesConfig config, Map<String, String> nodeAddresses) {
    this.client = client;
    this.clock = clock;
    this.scheduler = scheduler;
    this.config = config;
    this.nodeAddresses = Map.copyOf(nodeAddresses);
  }

  boolean tracks(String namespace, String name) {
    return pods.containsKey(namespace + "/" + name);
  }

  @Override
  public void onAdd(Pod pod) {
    observe(pod);
  }

  @Override
  public void onUpdate(Pod oldPod, Pod pod) {
    observe(pod);
  }

  @Override
  public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
    Tracked tracked = pods.remove(key(pod));
    if (tracked != null) {
      synchronized (tracked) {
        tracked.pending.cancel();
      }
    }
  }

  void stop() {
    pods.values().forEach(tracked -> {
      synchronized (tracked) {
        tracked.pending.cancel();
      }
    });
    pods.clear();
  }

  private void observe(Pod pod) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (node == null || !nodeAddresses.containsKey(node)) {
      return;
    }
    Tracked tracked = pods.computeIfAbsent(key(pod), k -> adopt(pod, node));
    if (tracked == null) {
      return;
    }
    synchronized (tracked) {
      tracked.pod = pod;
      if (pod.getMetadata().getDeletionTimestamp() != null
          && tracked.run.stage() != PodStage.STOPPING) {
        tracked.pending.cancel();
        tracked.run = tracked.run.withStage(PodStage.STOPPING, clock.instant());
        Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
        Duration wait = grace == null ? config.stopDelay()
            : min(Duration.ofSeconds(grace), config.stopDelay());
        tracked.pending = scheduler.schedule(wait, () -> finish(pod));
      }
    }
  }

  /** A first sighting: pods already past Pending (e.g. after a restart) are left as they are. */
  private Tracked adopt(Pod pod, String node) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if (phase != null && !phase.equals("Pending")
        && pod.getMetadata().getDeletionTimestamp() == null) {
      return null;
    }
    Tracked tracked = new Tracked();
    tracked.pod = pod;
    Instant now = clock.instant();
    tracked.run = new PodRun(PodStage.STARTING, addresses.nextPod(), nodeAddresses.get(node),
        now, now, now, 0, Optional.empty(), Duration.ZERO, "");
    if (pod.getMetadata().getDeletionTimestamp() == null) {
      tracked.pending = scheduler.schedule(config.startDelay(), () -> start(tracked));
    }
    return tracked;
  }

  private void start(Tracked tracked) {
    synchronized (tracked) {
      SimulationAnnotations script = SimulationAnnotations.of(tracked.pod);
      Instant now = clock.instant();
      PodRun run = tracked.run;
      if (script.startFailure().isPresent()) {
        tracked.run = new PodRun(PodStage.START_FAILED, run.podIp(), run.hostIp(),
            run.startTime(), now, run.readyChanged(), 0, Optional.empty(), Duration.ZERO,
            script.startFailure().get());
        write(tracked);
        return;
      }
      tracked.run = run.restarted(now).withStage(PodStage.RUNNING, now);
      if (readyAtOnce(script)) {
        // Like a kubelet whose pod has no readiness probe: running and ready in one status update.
        becomeReady(tracked, script);
        return;
      }
      write(tracked);
      scheduleRunning(tracked, script);
    }
  }

  private boolean readyAtOnce(SimulationAnnotations script) {
    return config.readyDelay().isZero() && !script.neverReady()
        && script.crashAfter().map(after -> after.isPositive()).orElse(true);
  }

  /** After a container run begins: readiness and, if scripted, the crash. */
  private void scheduleRunning(Tracked tracked, SimulationAnnotations script) {
    Optional<Duration> crash = script.crashAfter();
    if (!script.neverReady() && (crash.isEmpty()
        || config.readyDelay().compareTo(crash.get()) < 0)) {
      tracked.pending = scheduler.schedule(config.readyDelay(), () -> becomeReady(tracked,
          script));
    } else {
      crash.ifPresent(after -> tracked.pending = scheduler.schedule(after, () ->
          crash(tracked)));
    }
  }

  private void becomeReady(Tracked tracked, SimulationAnnotations script) {
    synchronized (tracked) {
      tracked.run = tracked.run.withStage(PodStage.READY, clock.instant());
      write(tracked);
      script.crashAfter().ifPresent(after -> tracked.pending = scheduler.schedule(
          after.minus(config.readyDelay()), () -> crash(tracked)));
    }
  }

  private void crash(Tracked tracked) {
    synchronized (tracked) {
      Instant now = clock.instant();
      String policy = tracked.pod.getSpec().getRestartPolicy();
      if ("Never".equals(policy)) {
        tracked.run = tracked.run.crashed(now, Duration.ZERO, PodStage.FAILED);
        write(tracked);
        return;
      }
      Duration backOff = CrashBackoff.before(tracked.run.restartCount() + 1,
          config.backoffScale());
      tracked.run = tracked.run.crashed(now, backOff, PodStage.BACK_OFF);
      write(tracked);
      tracked.pending = scheduler.schedule(backOff, () -> restart(tracked));
    }
  }

  private void restart(Tracked tracked) {
    synchronized (tracked) {
      tracked.run = tracked.run.restarted(clock.instant());
      write(tracked);
      scheduleRunning(tracked, SimulationAnnotations.of(tracked.pod));
    }
  }

  private void finish(Pod pod) {
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName()).withGracePeriod(0).delete();
    } catch (KubernetesClientException e) {
      LOG.warn("could not finish deleting pod {}: {}", key(pod), e.getMessage());
    }
  }

  private void write(Tracked tracked) {
    Pod pod = tracked.pod;
    String body = "{\"status\":" + Serialization.asJson(PodStatuses.of(pod, tracked.run)) + "}";
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName()).subresource("status")
          .patch(PatchContext.of(PatchType.JSON_MERGE), body);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        onDelete(pod, false);
      } else {
        LOG.warn("could not write status of pod {}: {}", key(pod), e.getMessage());
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}

package io.capstan.node.agent;

import io.capstan.node.probe.ProbeTarget;
import io.capstan.node.runtime.RuntimeFailure;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a pod the kubelet's way: probes first, then every running container at once, each running
 * its preStop handler within the grace period and then being stopped with what remains of it (at
 * least the kubelet's minimum of 2 s when a grace was given); then the sandbox, the volumes and
 * the address are released. A kill the API asked for (a deletion) is announced by a Killing event
 * per container and runs preStop hooks; the agent's own shutdown does neither. A deletion's grace
 * here is what the draining left of it ({@link PodDrainer}), so preStop and SIGTERM together still
 * get at least the minimum.
 */
final class PodKiller {

  private static final Logger LOG = LoggerFactory.getLogger(PodKiller.class);
  static final Duration MINIMUM_GRACE = Duration.ofSeconds(2);

  private final AgentServices services;

  PodKiller(AgentServices services) {
    this.services = services;
  }

  /** The grace a deletion gives: the deletion's own, else the pod's, else 30 s. */
  static Duration grace(Pod pod) {
    Long seconds = pod.getMetadata().getDeletionGracePeriodSeconds();
    if (seconds == null) {
      seconds = pod.getSpec().getTerminationGracePeriodSeconds();
    }
    return Duration.ofSeconds(seconds == null ? 30 : Math.max(0, seconds));
  }

  /**
   * Stops every running container of the pod; returns once all have exited.
   *
   * @param runPreStop whether this is a kill the API asked for: preStop hooks run and each
   *     container gets the kubelet's {@code Killing} event
   */
  void stopContainers(PodRecord record, Duration grace, boolean runPreStop) {
    Instant deadline = services.clock().instant().plus(grace);
    List<Thread> stoppers = new ArrayList<>();
    for (ContainerRecord container : record.runningContainers()) {
      String id = container.id.orElseThrow();
      services.probes().remove(id);
      Optional<Container> spec = spec(record.pod, container.name);
      stoppers.add(Thread.ofVirtual().name("stop-" + record.name + "-" + container.name)
          .start(() -> stopOne(record, container, id, spec, grace, deadline, runPreStop)));
    }
    for (Thread stopper : stoppers) {
      try {
        stopper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    for (ContainerRecord container : record.containers.values()) {
      if (container.running.isPresent()) {
        PodSync.observe(services, record, container);
      }
    }
  }

  private void stopOne(PodRecord record, ContainerRecord container, String id,
      Optional<Container> spec, Duration grace, Instant deadline, boolean runPreStop) {
    if (runPreStop) {
      services.events().stopping(record.pod, container.name);
    }
    if (runPreStop && spec.isPresent() && spec.get().getLifecycle() != null
        && spec.get().getLifecycle().getPreStop() != null && !grace.isZero()) {
      ProbeTarget target = PodSync.target(record, spec.get(), id,
          container.running.map(RunState.Running::startedAt).orElse(Instant.EPOCH));
      services.hooks().run(spec.get().getLifecycle().getPreStop(), target, grace)
          .ifPresent(failure -> {
            LOG.info("preStop hook of {} in pod {} failed: {}", container.name, record.key(),
                failure);
            services.events().failedPreStopHook(record.pod, container.name);
          });
    }
    Duration remaining = Duration.between(services.clock().instant(), deadline);
    if (!grace.isZero() && remaining.compareTo(MINIMUM_GRACE) < 0) {
      remaining = MINIMUM_GRACE;
    }
    try {
      services.runtime().stopContainer(id, remaining.isNegative() ? Duration.ZERO : remaining);
    } catch (RuntimeFailure e) {
      LOG.warn("could not stop container {} of pod {}: {}", container.name, record.key(),
          e.getMessage());
    }
  }

  /** Stops the sandbox and removes it and its containers; the pod keeps its log files. */
  void removeSandbox(PodRecord record) {
    if (record.sandboxId.isEmpty()) {
      return;
    }
    String sandbox = record.sandboxId.get();
    try {
      services.runtime().stopSandbox(sandbox);
      for (ContainerRecord container : record.containers.values()) {
        if (container.id.isPresent()) {
          services.runtime().removeContainer(container.id.get());
        }
      }
      services.runtime().removeSandbox(sandbox);
      record.sandboxId = Optional.empty();
    } catch (RuntimeFailure e) {
      LOG.warn("could not remove the sandbox of pod {}: {}", record.key(), e.getMessage());
    }
  }

  /** Gives back what the pod held on the node: volumes, address and back-off history. */
  void release(PodRecord record) {
    if (record.volumes.isPresent()) {
      services.volumes().tearDown(record.uid);
      record.volumes = Optional.empty();
    }
    services.addresses().release(record.uid);
    services.backoff().forget(record.uid + "/");
    services.images().forgetPod(record.uid);
  }

  /** Removes the pod's log directory, once the pod is gone from the API. */
  static void removeLogs(Path logDirectory) {
    if (!Files.exists(logDirectory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(logDirectory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.warn("could not remove logs in {}: {}", logDirectory, e.getMessage());
    }
  }

  static Optional<Container> spec(Pod pod, String name) {
    return Stream.concat(PodRecord.initContainers(pod).stream(),
            pod.getSpec().getContainers().stream())
        .filter(c -> c.getName().equals(name)).findFirst();
  }
}

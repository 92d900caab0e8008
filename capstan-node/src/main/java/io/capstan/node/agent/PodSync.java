package io.capstan.node.agent;

import io.capstan.node.podconfig.ContainerConfigError;
import io.capstan.node.podconfig.ContainerInputs;
import io.capstan.node.probe.ProbeTarget;
import io.capstan.node.runtime.ContainerConfig;
import io.capstan.node.runtime.ContainerState;
import io.capstan.node.runtime.ContainerStatus;
import io.capstan.node.runtime.RuntimeFailure;
import io.capstan.node.runtime.SandboxStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync of one pod, the kubelet's {@code SyncPod}: level-triggered from the pod spec and what
 * the runtime reports, so running it again changes nothing. Deleted pods are first drained by the
 * service proxies ({@link PodDrainer}), then stopped, released and deleted for good
 * ({@link PodKiller}); live pods get their address, volumes and sandbox, then init
 * containers in order, then every container, with restart policy and crash-loop back-off applied
 * to exits; the sync ends by writing the status if it changed. It returns when it wants to run
 * again without an event (a back-off ending).
 */
final class PodSync {

  private static final Logger LOG = LoggerFactory.getLogger(PodSync.class);
  static final String UID_LABEL = "io.kubernetes.pod.uid";
  static final String NAME_LABEL = "io.kubernetes.pod.name";
  static final String NAMESPACE_LABEL = "io.kubernetes.pod.namespace";
  static final String CONTAINER_LABEL = "io.kubernetes.container.name";

  private final AgentServices services;
  private final PodKiller killer;

  PodSync(AgentServices services) {
    this.services = services;
    this.killer = new PodKiller(services);
  }

  /** What the worker does next: nothing, sync again at a time, or forget the pod. */
  record Outcome(Optional<Instant> wakeAt, boolean finished) {
    static Outcome idle() {
      return new Outcome(Optional.empty(), false);
    }
  }

  Outcome sync(PodRecord record, Optional<Pod> current) {
    if (current.isEmpty()) {
      killer.stopContainers(record, PodKiller.grace(record.pod), true);
      killer.removeSandbox(record);
      killer.release(record);
      PodKiller.removeLogs(record.logDirectory);
      return new Outcome(Optional.empty(), true);
    }
    Pod pod = current.get();
    record.pod = pod;
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      if (!record.killed) {
        Optional<Duration> grace = drain(record, pod);
        if (grace.isEmpty()) {
          return Outcome.idle();
        }
        killer.stopContainers(record, grace.get(), true);
        killer.removeSandbox(record);
        killer.release(record);
        record.killed = true;
      }
      // Once: a later event (the DELETE's own update, a finalizer's) is no reason to delete a pod
      // that may already be gone, and that the Node authorizer would then refuse.
      if (!record.deletedFinally) {
        services.api().deleteFinally(pod);
        record.deletedFinally = true;
      }
      return Outcome.idle();
    }
    if (record.terminal) {
      return Outcome.idle();
    }
    return run(record, pod);
  }

  /**
   * Waits for the proxies to drain a terminating pod that still runs containers; returns the
   * grace its containers get to stop, or empty if the agent is closing meanwhile.
   */
  private Optional<Duration> drain(PodRecord record, Pod pod) {
    Duration grace = PodKiller.grace(pod);
    if (record.runningContainers().isEmpty()) {
      return Optional.of(grace);
    }
    return services.drainer().drain(record, pod, grace);
  }

  /** Stops the pod's containers and sandbox without touching the API (agent shutdown). */
  void shutDown(PodRecord record, Duration grace) {
    killer.stopContainers(record, grace, false);
    if (record.sandboxId.isPresent()) {
      try {
        services.runtime().stopSandbox(record.sandboxId.get());
      } catch (RuntimeFailure e) {
        LOG.warn("could not stop the sandbox of pod {}: {}", record.key(), e.getMessage());
      }
    }
  }

  private Outcome run(PodRecord record, Pod pod) {
    Instant now = services.clock().instant();
    boolean runtimeAddresses = services.runtime().assignsPodAddresses();
    String ip;
    if (runtimeAddresses) {
      // Known once the runtime's network has set the sandbox up (ensureSandbox reads it).
      ip = record.podIp.orElse("");
    } else {
      ip = services.addresses().allocate(record.uid, Optional.ofNullable(pod.getStatus())
          .map(PodStatus::getPodIP));
      record.podIp = Optional.of(ip);
    }
    boolean volumesReady = prepareVolumes(record,
        withAddresses(pod, ip, services.config().nodeIp()));
    boolean sandboxReady = volumesReady && ensureSandbox(record, pod, ip);
    if (runtimeAddresses) {
      ip = record.podIp.orElse("");
    }
    Pod withAddresses = withAddresses(pod, ip, services.config().nodeIp());
    for (ContainerRecord container : record.containers.values()) {
      observe(services, record, container);
    }
    resumeProbes(record, pod);
    killUnhealthy(record, pod);
    Optional<Instant> wake = Optional.empty();
    boolean initialized = false;
    if (sandboxReady) {
      Steps steps = new Steps(record, withAddresses, now);
      initialized = steps.runInitContainers();
      if (initialized) {
        steps.runContainers();
      }
      wake = steps.wake;
    } else {
      initialized = PodRecord.initContainers(pod).isEmpty();
    }
    PodView view = view(record, pod, ip, sandboxReady, initialized);
    PodStatus status = PodStatusCalculator.compute(pod, view, record.conditions, now);
    if (!services.api().writeStatus(record, status)) {
      return Outcome.idle();
    }
    if (PodPhases.terminal(status.getPhase())) {
      killer.stopContainers(record, PodKiller.grace(pod), false);
      killer.removeSandbox(record);
      killer.release(record);
      record.terminal = true;
      LOG.info("pod {} finished: {}", record.key(), status.getPhase());
      return Outcome.idle();
    }
    return new Outcome(wake, false);
  }

  private boolean prepareVolumes(PodRecord record, Pod pod) {
    try {
      if (record.volumes.isEmpty()) {
        record.volumes = Optional.of(services.volumes().setUp(pod));
        record.refreshVolumes = false;
      } else if (record.refreshVolumes) {
        record.refreshVolumes = false;
        services.volumes().refresh(pod);
      }
      return true;
    } catch (ContainerConfigError e) {
      LOG.info("volumes of pod {} not ready: {}", record.key(), e.getMessage());
      services.events().failedMount(pod, e.getMessage());
      return false;
    }
  }

  private boolean ensureSandbox(PodRecord record, Pod pod, String ip) {
    try {
      if (record.sandboxId.isPresent()) {
        Optional<SandboxStatus> status = services.runtime().sandboxStatus(record.sandboxId.get());
        if (status.isPresent() && status.get().state() == SandboxStatus.State.READY) {
          noteAddress(record, status.get());
          return true;
        }
        LOG.info("sandbox of pod {} is gone; creating a new one", record.key());
      }
      String id = services.runtime().runSandbox(PodSandboxes.config(record, pod, ip));
      record.sandboxId = Optional.of(id);
      record.sandboxAttempt++;
      if (services.runtime().assignsPodAddresses()) {
        noteAddress(record, services.runtime().sandboxStatus(id).orElseThrow(() ->
            new RuntimeFailure("CreatePodSandboxError", "sandbox vanished after its start")));
      }
      return true;
    } catch (RuntimeFailure e) {
      LOG.warn("could not create the sandbox of pod {}: {}", record.key(), e.getMessage());
      return false;
    }
  }

  /** The address the runtime's network gave the sandbox, when it assigns addresses. */
  private void noteAddress(PodRecord record, SandboxStatus status) {
    if (services.runtime().assignsPodAddresses() && status.podIp() != null
        && !status.podIp().isEmpty()) {
      record.podIp = Optional.of(status.podIp());
    }
  }

  /**
   * Containers an agent restart found running (adopted from the runtime) get their probes again;
   * until the first readiness result they are not ready, as after a kubelet restart.
   */
  private void resumeProbes(PodRecord record, Pod pod) {
    for (Container spec : pod.getSpec().getContainers()) {
      ContainerRecord container = record.container(spec.getName());
      if (container != null && container.resumed && container.running.isPresent()) {
        container.resumed = false;
        services.probes().add(target(record, spec, container.id.orElseThrow(),
            container.running.get().startedAt()));
      }
    }
  }

  /**
   * Liveness and startup failures kill the container; its exit then goes through the restart
   * policy. The Killing event says so in the kubelet's words.
   */
  private void killUnhealthy(PodRecord record, Pod pod) {
    for (ContainerRecord container : record.runningContainers()) {
      if (container.livenessFailed || container.startupFailed) {
        String id = container.id.orElseThrow();
        String probe = container.livenessFailed ? "liveness" : "startup";
        LOG.info("container {} of pod {} failed its {} probe; restarting", container.name,
            record.key(), probe);
        boolean restart = !"Never".equals(pod.getSpec().getRestartPolicy());
        services.events().killing(pod, container.name, "Container " + container.name
            + " failed " + probe + " probe" + (restart ? ", will be restarted" : ""));
        services.probes().remove(id);
        try {
          services.runtime().stopContainer(id, terminationGrace(pod));
        } catch (RuntimeFailure e) {
          LOG.warn("could not stop container {}: {}", id, e.getMessage());
        }
        observe(services, record, container);
      }
    }
  }

  /** Refreshes a running container's record from the runtime, noting its exit. */
  static void observe(AgentServices services, PodRecord record, ContainerRecord container) {
    if (container.id.isEmpty() || container.running.isEmpty()) {
      return;
    }
    String id = container.id.get();
    Optional<ContainerStatus> status;
    try {
      status = services.runtime().containerStatus(id);
    } catch (RuntimeFailure e) {
      LOG.warn("could not read the status of container {}: {}", id, e.getMessage());
      return;
    }
    Instant now = services.clock().instant();
    Instant startedAt = container.running.get().startedAt();
    if (status.isEmpty()) {
      services.probes().remove(id);
      container.exited(new RunState.Terminated(137, "ContainerStatusUnknown",
          Optional.of("The container could not be located when the pod was terminated"),
          startedAt, now, Optional.of(services.containerId(id))));
    } else if (status.get().state() == ContainerState.EXITED) {
      services.probes().remove(id);
      container.exited(terminated(services, status.get(), startedAt, now));
    }
  }

  static RunState.Terminated terminated(AgentServices services, ContainerStatus status,
      Instant startedFallback, Instant now) {
    return new RunState.Terminated(status.exitCode(),
        status.reason() == null || status.reason().isEmpty()
            ? (status.exitCode() == 0 ? "Completed" : "Error") : status.reason(),
        Optional.ofNullable(status.message()).filter(m -> !m.isEmpty()),
        status.startedAt().orElse(startedFallback), status.finishedAt().orElse(now),
        Optional.of(services.containerId(status.id())));
  }

  /** The init-container and container steps of one sync. */
  private final class Steps {
    final PodRecord record;
    final Pod pod;
    final Instant now;
    final String policy;
    Optional<Instant> wake = Optional.empty();

    Steps(PodRecord record, Pod pod, Instant now) {
      this.record = record;
      this.pod = pod;
      this.now = now;
      this.policy = pod.getSpec().getRestartPolicy() == null ? "Always"
          : pod.getSpec().getRestartPolicy();
    }

    /** Runs init containers one at a time; true once all completed. */
    boolean runInitContainers() {
      for (Container spec : PodRecord.initContainers(pod)) {
        ContainerRecord container = record.container(spec.getName());
        if (container.running.isPresent()) {
          return false;
        }
        if (container.exit.isPresent()) {
          RestartRules.Decision decision = RestartRules.afterExit(policy, true,
              container.exit.get().exitCode());
          if (decision == RestartRules.Decision.KEEP_TERMINATED) {
            continue;
          }
          if (decision == RestartRules.Decision.RESTART) {
            restartAfterBackoff(container, spec);
          }
          return false;
        }
        start(container, spec);
        return false;
      }
      return true;
    }

    void runContainers() {
      for (Container spec : pod.getSpec().getContainers()) {
        ContainerRecord container = record.container(spec.getName());
        if (container.running.isPresent()) {
          continue;
        }
        if (container.exit.isPresent()) {
          if (RestartRules.afterExit(policy, false, container.exit.get().exitCode())
              == RestartRules.Decision.RESTART) {
            restartAfterBackoff(container, spec);
          }
          continue;
        }
        start(container, spec);
      }
    }

    private void restartAfterBackoff(ContainerRecord container, Container spec) {
      String key = record.uid + "/" + container.name;
      Instant finished = container.exit.get().finishedAt();
      CrashLoopBackoff backoff = services.backoff();
      if (backoff.inBackoff(key, finished, now)) {
        if (!container.backOffAnnounced.equals(Optional.of(finished))) {
          container.backOffAnnounced = Optional.of(finished);
          services.events().backOff(pod, container.name);
        }
        container.waiting = Optional.of(RunState.Waiting.of("CrashLoopBackOff",
            "back-off " + GoDurations.format(backoff.current(key))
                + " restarting failed container=" + container.name + " pod=" + record.name + "_"
                + record.namespace + "(" + record.uid + ")"));
        Instant at = backoff.restartAt(key, finished);
        wake = Optional.of(wake.filter(w -> w.isBefore(at)).orElse(at));
        return;
      }
      backoff.next(key, finished);
      start(container, spec);
    }

    /**
     * Starts a run as the kubelet's {@code startContainer} does, with its events in its order:
     * the image (present, pulled, or a pull failure that leaves the container waiting), a config
     * error or runtime failure as Failed, else Created and Started; a failing postStart hook kills
     * the run again.
     */
    private void start(ContainerRecord container, Container spec) {
      PodEvents events = services.events();
      ImagePuller.Result image = services.images().ensure(record.uid, pod, spec);
      if (!image.ready()) {
        container.waiting = image.waiting();
        image.retryAt().ifPresent(at -> wake = Optional.of(wake.filter(w -> w.isBefore(at))
            .orElse(at)));
        return;
      }
      ContainerInputs.Resolved resolved;
      try {
        resolved = services.inputs().resolve(pod, spec,
            record.volumes.orElse(Map.of()));
      } catch (ContainerConfigError e) {
        container.waiting = Optional.of(RunState.Waiting.of(ContainerConfigError.REASON,
            e.getMessage()));
        events.failed(pod, spec.getName(), e.getMessage());
        return;
      }
      int attempt = container.nextAttempt();
      ContainerConfig config = new ContainerConfig(spec.getName(), attempt, spec.getImage(),
          resolved.command(), resolved.args(),
          spec.getWorkingDir() == null ? "" : spec.getWorkingDir(), resolved.env(),
          resolved.mounts(), Path.of(spec.getName(), attempt + ".log"),
          Map.of(UID_LABEL, record.uid, NAME_LABEL, record.name, NAMESPACE_LABEL,
              record.namespace, CONTAINER_LABEL, spec.getName()), Map.of());
      String id = null;
      ContainerStatus status;
      try {
        id = services.runtime().createContainer(record.sandboxId.orElseThrow(), config);
        events.created(pod, spec.getName());
        services.runtime().startContainer(id);
        status = services.runtime().containerStatus(id).orElseThrow(() ->
            new RuntimeFailure("RunContainerError", "container vanished after its start"));
      } catch (RuntimeFailure e) {
        container.waiting = Optional.of(RunState.Waiting.of(e.reason(), e.getMessage()));
        events.failed(pod, spec.getName(), e.getMessage());
        removeQuietly(id);
        return;
      }
      events.started(pod, spec.getName());
      container.id.ifPresent(this::removeQuietly);
      container.startedRun(id, new RunState.Running(status.startedAt().orElse(now)));
      container.imageId = status.image() == null ? "" : status.image();
      LOG.debug("started container {} of pod {} (attempt {})", spec.getName(), record.key(),
          attempt);
      ProbeTarget target = target(record, spec, id, container.running.get().startedAt());
      if (spec.getLifecycle() != null && spec.getLifecycle().getPostStart() != null) {
        Optional<String> failure = services.hooks().run(spec.getLifecycle().getPostStart(),
            target, terminationGrace(pod));
        if (failure.isPresent()) {
          LOG.info("postStart hook of {} in pod {} failed: {}", spec.getName(), record.key(),
              failure.get());
          events.failedPostStartHook(pod, spec.getName());
          events.killing(pod, spec.getName(), "FailedPostStartHook");
          try {
            services.runtime().stopContainer(id, terminationGrace(pod));
          } catch (RuntimeFailure e) {
            LOG.warn("could not stop container {}: {}", id, e.getMessage());
          }
          observe(services, record, container);
          return;
        }
      }
      services.probes().add(target);
    }

    private void removeQuietly(String id) {
      if (id == null) {
        return;
      }
      try {
        services.runtime().removeContainer(id);
      } catch (RuntimeFailure e) {
        LOG.debug("could not remove container {}: {}", id, e.getMessage());
      }
    }
  }

  static ProbeTarget target(PodRecord record, Container spec, String id, Instant startedAt) {
    return new ProbeTarget(record.uid, record.namespace, record.name, spec, id,
        record.podIp.orElse(""), startedAt);
  }

  private PodView view(PodRecord record, Pod pod, String ip, boolean sandboxReady,
      boolean initialized) {
    List<ContainerView> init = new ArrayList<>();
    for (Container spec : PodRecord.initContainers(pod)) {
      init.add(containerView(record.container(spec.getName()), spec, "PodInitializing"));
    }
    List<ContainerView> containers = new ArrayList<>();
    for (Container spec : pod.getSpec().getContainers()) {
      containers.add(containerView(record.container(spec.getName()), spec,
          initialized ? "ContainerCreating" : "PodInitializing"));
    }
    return new PodView(ip, services.config().nodeIp(), record.startTime, sandboxReady, init,
        containers);
  }

  private ContainerView containerView(ContainerRecord container, Container spec,
      String defaultWaiting) {
    boolean running = container.running.isPresent();
    boolean started = running && (spec.getStartupProbe() == null || container.started);
    boolean ready = started && (spec.getReadinessProbe() == null || container.ready);
    Optional<String> id = container.id.map(services::containerId)
        .or(() -> container.exit.flatMap(RunState.Terminated::containerId));
    return new ContainerView(spec.getName(), spec.getImage(),
        container.everStarted ? container.imageId : "", id, container.restartCount,
        container.state(defaultWaiting), container.lastState(), ready, started);
  }

  /** A copy of the pod with the addresses its downward-API references read. */
  private static Pod withAddresses(Pod pod, String ip, String hostIp) {
    return new PodBuilder(pod).editOrNewStatus().withPodIP(ip).withHostIP(hostIp).endStatus()
        .build();
  }

  static Duration terminationGrace(Pod pod) {
    Long seconds = pod.getSpec().getTerminationGracePeriodSeconds();
    return Duration.ofSeconds(seconds == null ? 30 : Math.max(0, seconds));
  }
}

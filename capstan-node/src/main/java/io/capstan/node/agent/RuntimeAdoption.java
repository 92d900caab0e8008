package io.capstan.node.agent;

import io.capstan.node.runtime.ContainerState;
import io.capstan.node.runtime.ContainerStatus;
import io.capstan.node.runtime.RuntimeFailure;
import io.capstan.node.runtime.SandboxStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent does at start with what a previous run left in the runtime. Containers cannot be
 * re-attached (their output pipes died with the old agent), so every one is stopped, its exit
 * noted, and removed with its sandbox; pods still bound here are then started anew, their restart
 * counts continuing, and pods that are gone leave nothing behind (logs and volumes included).
 *
 * <p>The exception is a pod whose deletion had begun: its running containers and its sandbox are
 * kept, so that the pod worker resumes its termination as if the agent had never stopped —
 * draining by the service proxies for what remains of the grace, then preStop and SIGTERM. Their
 * output is lost (the pipes died), which matters little for containers about to stop.
 *
 * <p>A runtime whose containers outlive the agent ({@link
 * io.capstan.node.runtime.ContainerRuntime#containersOutliveAgent()}, containerd) keeps writing
 * their logs itself: there the running containers and ready sandboxes of every pod still bound
 * here are kept and adopted as they are, not restarted.
 */
final class RuntimeAdoption {

  private static final Logger LOG = LoggerFactory.getLogger(RuntimeAdoption.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  /** The last run of one container of a previous agent. */
  record AdoptedRun(int attempt, RunState.Terminated exit, String image) {}

  /** A container of a terminating pod left running for the pod worker to stop. */
  record KeptRun(String id, int attempt, Instant startedAt, String image) {}

  /**
   * The running containers (by name) and sandbox of a kept pod; a replacement sandbox gets the
   * attempt after the kept one's, as CRI names sandboxes by attempt.
   */
  record KeptPod(String sandboxId, int sandboxAttempt, Map<String, KeptRun> runs) {}

  /**
   * What adoption found.
   *
   * @param exits by pod uid and container name, the last run of each stopped container
   * @param kept by pod uid, the terminating pods whose containers still run
   */
  record Adoption(Map<String, Map<String, AdoptedRun>> exits, Map<String, KeptPod> kept) {}

  private RuntimeAdoption() {}

  /**
   * Cleans the runtime but for the running containers of {@code terminatingPods} (of every live
   * pod with a runtime whose containers outlive the agent).
   *
   * @param livePods the uids of the pods bound to the node
   * @param terminatingPods those of them whose deletion has begun
   */
  static Adoption adopt(AgentServices services, Set<String> livePods,
      Set<String> terminatingPods) throws RuntimeFailure {
    List<SandboxStatus> sandboxes = services.runtime().listSandboxes();
    Map<String, KeptPod> kept = keep(services, sandboxes,
        services.runtime().containersOutliveAgent() ? livePods : terminatingPods);
    List<ContainerStatus> containers = services.runtime().listContainers().stream()
        .filter(c -> !isKept(kept, c)).toList();
    List<Thread> stoppers = new ArrayList<>();
    for (ContainerStatus container : containers) {
      if (container.state() == ContainerState.RUNNING
          || container.state() == ContainerState.CREATED) {
        stoppers.add(Thread.ofVirtual().start(() -> stopQuietly(services, container.id())));
      }
    }
    for (Thread stopper : stoppers) {
      try {
        stopper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    Map<String, Map<String, AdoptedRun>> runs = new HashMap<>();
    Instant now = services.clock().instant();
    for (ContainerStatus before : containers) {
      ContainerStatus after = services.runtime().containerStatus(before.id()).orElse(before);
      String uid = after.labels().get(PodSync.UID_LABEL);
      if (uid != null && livePods.contains(uid)) {
        RunState.Terminated exit = PodSync.terminated(services, after,
            after.startedAt().orElse(after.createdAt()), now);
        runs.computeIfAbsent(uid, k -> new HashMap<>()).merge(after.name(),
            new AdoptedRun(after.attempt(), exit, after.image()),
            (a, b) -> a.attempt() >= b.attempt() ? a : b);
      }
      services.runtime().removeContainer(after.id());
    }
    for (SandboxStatus sandbox : sandboxes) {
      if (kept.containsKey(sandbox.pod().uid())
          && kept.get(sandbox.pod().uid()).sandboxId().equals(sandbox.id())) {
        continue;
      }
      services.runtime().stopSandbox(sandbox.id());
      services.runtime().removeSandbox(sandbox.id());
      String uid = sandbox.pod().uid();
      if (!livePods.contains(uid)) {
        services.volumes().tearDown(uid);
        PodKiller.removeLogs(services.config().podLogsDir().resolve(sandbox.pod().namespace()
            + "_" + sandbox.pod().name() + "_" + uid));
      }
    }
    if (!sandboxes.isEmpty()) {
      LOG.info("cleaned up {} sandboxes and {} containers of a previous run", sandboxes.size(),
          containers.size());
    }
    return new Adoption(runs, kept);
  }

  /** The running containers of {@code pods}, with their ready sandbox. */
  private static Map<String, KeptPod> keep(AgentServices services,
      List<SandboxStatus> sandboxes, Set<String> pods) throws RuntimeFailure {
    Map<String, KeptPod> kept = new HashMap<>();
    List<ContainerStatus> containers = null;
    for (SandboxStatus sandbox : sandboxes) {
      String uid = sandbox.pod().uid();
      if (!pods.contains(uid) || sandbox.state() != SandboxStatus.State.READY) {
        continue;
      }
      if (containers == null) {
        containers = services.runtime().listContainers();
      }
      Map<String, KeptRun> runs = new HashMap<>();
      for (ContainerStatus container : containers) {
        if (container.state() == ContainerState.RUNNING
            && sandbox.id().equals(container.sandboxId())) {
          runs.merge(container.name(), new KeptRun(container.id(), container.attempt(),
                  container.startedAt().orElse(container.createdAt()), container.image()),
              (a, b) -> a.attempt() >= b.attempt() ? a : b);
        }
      }
      if (!runs.isEmpty()) {
        kept.put(uid, new KeptPod(sandbox.id(), sandbox.pod().attempt(), runs));
      }
    }
    return kept;
  }

  private static boolean isKept(Map<String, KeptPod> kept, ContainerStatus container) {
    KeptPod pod = kept.get(container.labels().get(PodSync.UID_LABEL));
    return pod != null && pod.runs().values().stream()
        .anyMatch(run -> run.id().equals(container.id()));
  }

  private static void stopQuietly(AgentServices services, String id) {
    try {
      services.runtime().stopContainer(id, STOP_GRACE);
    } catch (RuntimeFailure e) {
      LOG.warn("could not stop container {} of a previous run: {}", id, e.getMessage());
    }
  }
}

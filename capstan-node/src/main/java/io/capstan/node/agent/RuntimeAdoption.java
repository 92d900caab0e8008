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
 */
final class RuntimeAdoption {

  private static final Logger LOG = LoggerFactory.getLogger(RuntimeAdoption.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  /** The last run of one container of a previous agent. */
  record AdoptedRun(int attempt, RunState.Terminated exit, String image) {}

  private RuntimeAdoption() {}

  /** Cleans the runtime; returns, by pod uid and container name, the last run of each. */
  static Map<String, Map<String, AdoptedRun>> adopt(AgentServices services,
      Set<String> livePods) throws RuntimeFailure {
    List<SandboxStatus> sandboxes = services.runtime().listSandboxes();
    List<ContainerStatus> containers = services.runtime().listContainers();
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
    return runs;
  }

  private static void stopQuietly(AgentServices services, String id) {
    try {
      services.runtime().stopContainer(id, STOP_GRACE);
    } catch (RuntimeFailure e) {
      LOG.warn("could not stop container {} of a previous run: {}", id, e.getMessage());
    }
  }
}

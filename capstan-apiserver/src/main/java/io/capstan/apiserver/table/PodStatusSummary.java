package io.capstan.apiserver.table;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The READY, STATUS and RESTARTS of a pod, a port of {@code printPod} in Kubernetes'
 * {@code pkg/printers/internalversion/printers.go}.
 *
 * <p>STATUS starts as the phase (or {@code status.reason}), is replaced by the first init
 * container that has not finished ({@code Init:0/2}, {@code Init:CrashLoopBackOff},
 * {@code Init:ExitCode:1}), otherwise by the last app container that is waiting or terminated
 * with a reason ({@code CrashLoopBackOff}, {@code Completed}, {@code Error}), and finally by
 * {@code Terminating} while a non-terminal pod is being deleted. Sidecars (init containers with
 * {@code restartPolicy: Always}) count as app containers once started. While the pod initializes,
 * RESTARTS counts init container restarts; afterwards it counts app containers and sidecars.
 */
record PodStatusSummary(
    int readyContainers, int totalContainers, String reason, long restarts,
    Optional<Instant> lastRestart) {

  /** The reason the node lifecycle controller gives pods of an unreachable node. */
  private static final String NODE_UNREACHABLE_REASON = "NodeLost";

  static PodStatusSummary of(JsonNode pod) {
    JsonNode status = Tree.at(pod, "status");
    String phase = Tree.text(status, "phase");
    String reason = Tree.text(status, "reason").isEmpty() ? phase : Tree.text(status, "reason");
    for (JsonNode condition : Tree.list(status, "conditions")) {
      if (Tree.text(condition, "type").equals("PodScheduled")
          && Tree.text(condition, "reason").equals("SchedulingGated")) {
        reason = "SchedulingGated";
      }
    }

    int total = Tree.list(pod, "spec", "containers").size();
    int ready = 0;
    Map<String, JsonNode> initContainers = new HashMap<>();
    List<JsonNode> initSpecs = Tree.list(pod, "spec", "initContainers");
    for (JsonNode init : initSpecs) {
      initContainers.put(Tree.text(init, "name"), init);
      if (isSidecar(init)) {
        total++;
      }
    }

    long restarts = 0;
    long sidecarRestarts = 0;
    Instant lastRestart = null;
    Instant lastSidecarRestart = null;
    boolean initializing = false;
    List<JsonNode> initStatuses = Tree.list(status, "initContainerStatuses");
    for (int i = 0; i < initStatuses.size(); i++) {
      JsonNode container = initStatuses.get(i);
      long count = Tree.integer(container, "restartCount");
      Optional<Instant> finished = lastTermination(container);
      restarts += count;
      lastRestart = later(lastRestart, finished);
      boolean sidecar = isSidecar(initContainers.get(Tree.text(container, "name")));
      if (sidecar) {
        sidecarRestarts += count;
        lastSidecarRestart = later(lastSidecarRestart, finished);
      }
      JsonNode terminated = Tree.at(container, "state", "terminated");
      JsonNode waiting = Tree.at(container, "state", "waiting");
      if (present(terminated) && Tree.integer(terminated, "exitCode") == 0) {
        continue;
      }
      if (sidecar && Tree.bool(container, "started")) {
        if (Tree.bool(container, "ready")) {
          ready++;
        }
        continue;
      }
      if (present(terminated)) {
        reason = "Init:" + terminationReason(terminated);
      } else if (present(waiting) && !Tree.text(waiting, "reason").isEmpty()
          && !Tree.text(waiting, "reason").equals("PodInitializing")) {
        reason = "Init:" + Tree.text(waiting, "reason");
      } else {
        reason = "Init:" + i + "/" + initSpecs.size();
      }
      initializing = true;
      break;
    }

    if (!initializing || initialized(status)) {
      restarts = sidecarRestarts;
      lastRestart = lastSidecarRestart;
      boolean hasRunning = false;
      List<JsonNode> statuses = Tree.list(status, "containerStatuses");
      for (int i = statuses.size() - 1; i >= 0; i--) {
        JsonNode container = statuses.get(i);
        restarts += Tree.integer(container, "restartCount");
        lastRestart = later(lastRestart, lastTermination(container));
        JsonNode waiting = Tree.at(container, "state", "waiting");
        JsonNode terminated = Tree.at(container, "state", "terminated");
        if (present(waiting) && !Tree.text(waiting, "reason").isEmpty()) {
          reason = Tree.text(waiting, "reason");
        } else if (present(terminated)) {
          reason = terminationReason(terminated);
        } else if (Tree.bool(container, "ready") && present(Tree.at(container, "state", "running"))) {
          hasRunning = true;
          ready++;
        }
      }
      // A container still running means the pod is not done although another one completed.
      if (reason.equals("Completed") && hasRunning) {
        reason = readyConditionTrue(status) ? "Running" : "NotReady";
      }
    }

    boolean deleting = Tree.present(pod, "metadata", "deletionTimestamp");
    if (deleting && Tree.text(status, "reason").equals(NODE_UNREACHABLE_REASON)) {
      reason = "Unknown";
    } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
      reason = "Terminating";
    }
    return new PodStatusSummary(ready, total, reason, restarts, Optional.ofNullable(lastRestart));
  }

  /** The terminated state's reason, else {@code Signal:N} or {@code ExitCode:N}. */
  private static String terminationReason(JsonNode terminated) {
    String reason = Tree.text(terminated, "reason");
    if (!reason.isEmpty()) {
      return reason;
    }
    long signal = Tree.integer(terminated, "signal");
    return signal != 0 ? "Signal:" + signal : "ExitCode:" + Tree.integer(terminated, "exitCode");
  }

  private static boolean isSidecar(JsonNode initContainer) {
    return initContainer != null && Tree.text(initContainer, "restartPolicy").equals("Always");
  }

  private static Optional<Instant> lastTermination(JsonNode container) {
    JsonNode terminated = Tree.at(container, "lastState", "terminated");
    return present(terminated) ? Tree.time(terminated, "finishedAt") : Optional.empty();
  }

  private static Instant later(Instant current, Optional<Instant> candidate) {
    if (candidate.isEmpty()) {
      return current;
    }
    return current == null || current.isBefore(candidate.get()) ? candidate.get() : current;
  }

  /** {@code isPodInitializedConditionTrue}: the first Initialized condition decides. */
  private static boolean initialized(JsonNode status) {
    for (JsonNode condition : Tree.list(status, "conditions")) {
      if (Tree.text(condition, "type").equals("Initialized")) {
        return Tree.text(condition, "status").equals("True");
      }
    }
    return false;
  }

  /** {@code hasPodReadyCondition}: any Ready condition that is True. */
  private static boolean readyConditionTrue(JsonNode status) {
    return Tree.list(status, "conditions").stream().anyMatch(condition ->
        Tree.text(condition, "type").equals("Ready")
            && Tree.text(condition, "status").equals("True"));
  }

  private static boolean present(JsonNode node) {
    return !node.isMissingNode() && !node.isNull();
  }
}

package io.capstan.node.agent;

import java.util.List;

/**
 * The kubelet's {@code getPhase}: Pending while an init container has not completed or a
 * container has never run; Running while any container runs or will restart; Succeeded when all
 * exited 0 and none restarts; Failed when all stopped, one failed, and none restarts (or an init
 * container failed under restartPolicy Never).
 */
final class PodPhases {

  private PodPhases() {}

  static String phase(String restartPolicy, List<ContainerView> init,
      List<ContainerView> containers) {
    String policy = restartPolicy == null ? "Always" : restartPolicy;
    for (ContainerView container : init) {
      if (container.succeeded()) {
        continue;
      }
      boolean failed = container.state() instanceof RunState.Terminated;
      return failed && policy.equals("Never") ? "Failed" : "Pending";
    }
    int running = 0;
    int waiting = 0;
    int stopped = 0;
    int succeeded = 0;
    for (ContainerView container : containers) {
      switch (container.state()) {
        case RunState.Running r -> running++;
        case RunState.Terminated t -> {
          stopped++;
          if (t.exitCode() == 0) {
            succeeded++;
          }
        }
        case RunState.Waiting w -> {
          if (container.lastState().isPresent()) {
            stopped++;
          } else {
            waiting++;
          }
        }
      }
    }
    if (waiting > 0) {
      return "Pending";
    }
    if (running > 0) {
      return "Running";
    }
    if (stopped > 0) {
      if (policy.equals("Always")) {
        return "Running";
      }
      if (stopped == succeeded) {
        return "Succeeded";
      }
      return policy.equals("Never") ? "Failed" : "Running";
    }
    return "Pending";
  }

  static boolean terminal(String phase) {
    return phase.equals("Succeeded") || phase.equals("Failed");
  }
}

package io.capstan.node.runtime;

import java.time.Instant;
import java.util.Map;

/** What the runtime knows about one sandbox (CRI's PodSandboxStatus). */
public record SandboxStatus(
    String id,
    PodRef pod,
    State state,
    Instant createdAt,
    String podIp,
    Map<String, String> labels,
    Map<String, String> annotations) {

  public SandboxStatus {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  /** CRI's PodSandboxState. */
  public enum State {
    READY,
    NOTREADY
  }
}

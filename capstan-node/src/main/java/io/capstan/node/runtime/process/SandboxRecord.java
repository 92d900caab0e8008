package io.capstan.node.runtime.process;

import io.capstan.node.runtime.SandboxConfig;
import io.capstan.node.runtime.SandboxStatus;
import java.time.Instant;

/** A sandbox as persisted in {@code <state>/sandboxes/<id>.json}. */
record SandboxRecord(String id, SandboxConfig config, Instant createdAt, SandboxStatus.State state) {

  SandboxRecord withState(SandboxStatus.State newState) {
    return new SandboxRecord(id, config, createdAt, newState);
  }

  SandboxStatus status() {
    return new SandboxStatus(
        id, config.pod(), state, createdAt, config.podIp(), config.labels(), config.annotations());
  }
}

package io.capstan.node.probe;

import io.fabric8.kubernetes.api.model.LifecycleHandler;
import java.time.Duration;

/**
 * Runs a container's postStart or preStop handler (exec, httpGet or sleep) and waits for it, at
 * most {@code timeout}. A failed handler returns its message; it never throws.
 */
public interface LifecycleHooks {

  /** Empty on success, else why it failed (the kubelet's FailedPostStartHook/FailedPreStopHook). */
  java.util.Optional<String> run(LifecycleHandler handler, ProbeTarget target, Duration timeout);
}

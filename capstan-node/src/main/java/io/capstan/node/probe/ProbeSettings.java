package io.capstan.node.probe;

import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;

/**
 * A probe's timing with the API's defaults filled in: initialDelaySeconds 0, periodSeconds 10,
 * timeoutSeconds 1, successThreshold 1, failureThreshold 3. Values the API would reject (zero or
 * negative) fall back to the default, and liveness and startup probes always use a success
 * threshold of 1, which is all validation allows them.
 */
record ProbeSettings(
    int initialDelaySeconds, Duration period, Duration timeout, int successThreshold,
    int failureThreshold) {

  static ProbeSettings of(Probe probe, ProbeType type) {
    int success = positiveOr(probe.getSuccessThreshold(), 1);
    return new ProbeSettings(
        Math.max(0, probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds()),
        Duration.ofSeconds(positiveOr(probe.getPeriodSeconds(), 10)),
        Duration.ofSeconds(positiveOr(probe.getTimeoutSeconds(), 1)),
        type == ProbeType.READINESS ? success : 1,
        positiveOr(probe.getFailureThreshold(), 3));
  }

  private static int positiveOr(Integer value, int fallback) {
    return value == null || value <= 0 ? fallback : value;
  }
}

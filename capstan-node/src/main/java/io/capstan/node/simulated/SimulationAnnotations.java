package io.capstan.node.simulated;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The pod annotations that script failures, parsed leniently: a malformed value is ignored. */
record SimulationAnnotations(boolean neverReady, Optional<Duration> crashAfter,
    Optional<String> startFailure) {

  static final String NEVER_READY = "capstan.io/simulate-never-ready";
  static final String CRASH_AFTER = "capstan.io/simulate-crash-after";
  static final String START_FAILURE = "capstan.io/simulate-start-failure";

  static SimulationAnnotations of(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    if (annotations == null) {
      return new SimulationAnnotations(false, Optional.empty(), Optional.empty());
    }
    return new SimulationAnnotations(
        "true".equalsIgnoreCase(annotations.get(NEVER_READY)),
        seconds(annotations.get(CRASH_AFTER)),
        Optional.ofNullable(annotations.get(START_FAILURE)).filter(reason -> !reason.isBlank()));
  }

  private static Optional<Duration> seconds(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(value.trim());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

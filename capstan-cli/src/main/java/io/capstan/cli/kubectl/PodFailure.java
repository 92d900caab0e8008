package io.capstan.cli.kubectl;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Why a pod of a rollout's new ReplicaSet will not become available on its own, read from the
 * pod's status; what lets {@code rollout status} fail within seconds instead of at the progress
 * deadline.
 *
 * <p>The rule, container by container (init containers first):
 * <ul>
 *   <li>waiting with a reason that only a new template can cure ({@link #HOPELESS}:
 *       CrashLoopBackOff, image errors, CreateContainerConfigError, ...) fails at once;
 *   <li>a container that has already been restarted {@value #RESTARTS} times, having last
 *       ended badly (a non-zero exit code), fails with that termination's reason, usually
 *       {@code Error}: the kubelet would only keep backing off;
 *   <li>a running container with a readiness probe that is still not ready once the probe has
 *       had {@code initialDelaySeconds + periodSeconds × (max(failureThreshold, 3) + 1)} since
 *       the container started (40 s with the defaults) fails as {@code NotReady}: it has failed
 *       at least three probes in a row, more than the kubelet's own threshold, plus one period
 *       of slack for a slow first answer.
 * </ul>
 * A pod that is merely pending, pulling or starting is not a failure.
 */
record PodFailure(String pod, String container, String reason, String detail) {

  static final Set<String> HOPELESS = Set.of("CrashLoopBackOff", "CreateContainerConfigError",
      "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerError",
      "RunContainerError", "ErrImageNeverPull");
  static final int RESTARTS = 2;

  /** The first failing container of {@code pod} at {@code now}, if any. */
  static Optional<PodFailure> detect(JsonNode pod, Instant now) {
    String name = pod.path("metadata").path("name").asString("");
    if (!pod.path("metadata").path("deletionTimestamp").isMissingNode()
        && !pod.path("metadata").path("deletionTimestamp").isNull()) {
      return Optional.empty();
    }
    JsonNode status = pod.path("status");
    for (String field : new String[] {"initContainerStatuses", "containerStatuses"}) {
      for (JsonNode c : status.path(field)) {
        Optional<PodFailure> failure = inspect(name, c, pod.path("spec"), now);
        if (failure.isPresent()) {
          return failure;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<PodFailure> inspect(String pod, JsonNode c, JsonNode spec,
      Instant now) {
    String container = c.path("name").asString("");
    JsonNode waiting = c.path("state").path("waiting");
    String reason = waiting.path("reason").asString("");
    if (HOPELESS.contains(reason)) {
      return Optional.of(new PodFailure(pod, container, reason,
          waiting.path("message").asString("")));
    }
    JsonNode last = c.path("lastState").path("terminated");
    JsonNode current = c.path("state").path("terminated");
    JsonNode ended = current.isObject() ? current : last;
    int restarts = c.path("restartCount").asInt(0);
    if (restarts >= RESTARTS && ended.isObject() && ended.path("exitCode").asInt(0) != 0) {
      String why = ended.path("reason").asString("Error");
      return Optional.of(new PodFailure(pod, container, why.isEmpty() ? "Error" : why,
          "exit code " + ended.path("exitCode").asInt() + ", restarted " + restarts + " times"));
    }
    JsonNode running = c.path("state").path("running");
    if (running.isObject() && !c.path("ready").asBoolean(false)) {
      Optional<Duration> grace = readinessGrace(spec, container);
      Optional<Instant> started = instant(running.path("startedAt").asString(""));
      if (grace.isPresent() && started.isPresent()
          && Duration.between(started.get(), now).compareTo(grace.get()) > 0) {
        return Optional.of(new PodFailure(pod, container, "NotReady",
            "readiness probe failing for more than " + grace.get().toSeconds() + "s"));
      }
    }
    return Optional.empty();
  }

  /** How long a container may stay unready after starting; none without a readiness probe. */
  static Optional<Duration> readinessGrace(JsonNode spec, String container) {
    for (String field : new String[] {"containers", "initContainers"}) {
      for (JsonNode c : spec.path(field)) {
        if (c.path("name").asString("").equals(container)
            && c.path("readinessProbe").isObject()) {
          JsonNode probe = c.path("readinessProbe");
          long delay = probe.path("initialDelaySeconds").asLong(0);
          long period = Math.max(1, probe.path("periodSeconds").asLong(10));
          long threshold = Math.max(3, probe.path("failureThreshold").asLong(3));
          return Optional.of(Duration.ofSeconds(delay + period * (threshold + 1)));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Instant> instant(String text) {
    try {
      return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code pod web-x container app: CrashLoopBackOff (back-off 10s ...)}. */
  String describe() {
    return "pod " + pod + " container " + container + ": " + reason
        + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}

package io.capstan.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code endpointsliceutil.TriggerTimeTracker}: the value of {@code endpoints.kubernetes.io/last-change-trigger-time},
 * the earliest of the trigger times (a pod's Ready transition, the Service's creation) that moved since the previous
 * sync of the same Service. The first sync of a Service after start-up reports none, as upstream, because it cannot
 * tell what changed. One sync per key runs at a time, so per-key state needs no further locking.
 */
public final class TriggerTimeTracker {
  public static final String ANNOTATION = "endpoints.kubernetes.io/last-change-trigger-time";

  private record State(Map<String, Instant> podTimes, Instant serviceTime) {}

  private final Map<String, State> states = new ConcurrentHashMap<>();

  /** The trigger time to record now, if any; updates the state either way. */
  public Optional<Instant> compute(String serviceKey, Service service, List<Pod> pods) {
    State previous = states.get(serviceKey);
    Map<String, Instant> podTimes = new HashMap<>();
    Instant min = null;
    for (Pod pod : pods) {
      Optional<Instant> time = readyTransition(pod);
      if (time.isEmpty()) {
        continue;
      }
      podTimes.put(pod.getMetadata().getName(), time.get());
      Instant before = previous == null ? null : previous.podTimes().get(pod.getMetadata().getName());
      if (before == null || time.get().isAfter(before)) {
        min = min == null || time.get().isBefore(min) ? time.get() : min;
      }
    }
    Instant serviceTime = parse(service.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH);
    if (previous == null || serviceTime.isAfter(previous.serviceTime())) {
      min = min == null || serviceTime.isBefore(min) ? serviceTime : min;
    }
    states.put(serviceKey, new State(podTimes, serviceTime));
    return previous == null ? Optional.empty() : Optional.ofNullable(min);
  }

  public void forget(String serviceKey) {
    states.remove(serviceKey);
  }

  /** RFC 3339 with nanoseconds, UTC, as Go's {@code time.RFC3339Nano}. */
  public static String format(Instant time) {
    return DateTimeFormatter.ISO_INSTANT.format(time);
  }

  private static Optional<Instant> readyTransition(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
        .map(PodCondition::getLastTransitionTime).flatMap(TriggerTimeTracker::parse);
  }

  private static Optional<Instant> parse(String timestamp) {
    if (timestamp == null || timestamp.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(timestamp));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}

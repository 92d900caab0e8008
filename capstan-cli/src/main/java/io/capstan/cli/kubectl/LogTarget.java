package io.capstan.cli.kubectl;

import static io.capstan.cli.kubectl.DescribeSections.text;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Which pod and container {@code kubectl logs} reads. For a workload it takes the pod kubectl's
 * {@code ByLogging} order puts first (scheduled, running, ready longest, most restarts, oldest);
 * without {@code -c} it takes the default-container annotation's or the first container.
 */
final class LogTarget {

  static final String DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container";

  private LogTarget() {}

  /** The pods sorted best first. */
  static List<JsonNode> byLogging(List<JsonNode> pods) {
    List<JsonNode> sorted = new ArrayList<>(pods);
    sorted.sort(Comparator
        .comparing((JsonNode p) -> text(p.path("spec").path("nodeName")).isEmpty())
        .thenComparing(p -> switch (text(p.path("status").path("phase"))) {
          case "Running" -> 0;
          case "Unknown" -> 1;
          case "Pending" -> 2;
          default -> 3;
        })
        .thenComparing(p -> !ready(p))
        .thenComparing(p -> ready(p) ? readySince(p) : Instant.MAX)
        .thenComparing(p -> -maxRestarts(p))
        .thenComparing(p -> DescribeContext.instant(p.path("metadata").path("creationTimestamp"))
            .orElse(Instant.MAX)));
    return sorted;
  }

  private static boolean ready(JsonNode pod) {
    return readyCondition(pod).map(c -> text(c.path("status")).equals("True")).orElse(false);
  }

  private static Instant readySince(JsonNode pod) {
    return readyCondition(pod)
        .flatMap(c -> DescribeContext.instant(c.path("lastTransitionTime")))
        .orElse(Instant.MAX);
  }

  private static Optional<JsonNode> readyCondition(JsonNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (text(c.path("type")).equals("Ready")) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private static long maxRestarts(JsonNode pod) {
    long max = 0;
    for (JsonNode s : pod.path("status").path("containerStatuses")) {
      max = Math.max(max, s.path("restartCount").asLong(0));
    }
    return max;
  }

  /** Every container's name as kubectl lists them: init ones marked, ephemeral ones too. */
  static List<String> containerLabels(JsonNode pod) {
    List<String> names = new ArrayList<>();
    pod.path("spec").path("containers").forEach(c -> names.add(text(c.path("name"))));
    pod.path("spec").path("initContainers")
        .forEach(c -> names.add(text(c.path("name")) + " (init)"));
    pod.path("spec").path("ephemeralContainers")
        .forEach(c -> names.add(text(c.path("name")) + " (ephem)"));
    return names;
  }

  static boolean hasContainer(JsonNode pod, String name) {
    for (String kind : List.of("containers", "initContainers", "ephemeralContainers")) {
      for (JsonNode c : pod.path("spec").path(kind)) {
        if (text(c.path("name")).equals(name)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The container kubectl picks when none is named. */
  static String defaultContainer(JsonNode pod) {
    String annotated = text(pod.path("metadata").path("annotations").path(DEFAULT_CONTAINER));
    if (!annotated.isEmpty() && hasContainer(pod, annotated)) {
      return annotated;
    }
    return text(pod.path("spec").path("containers").path(0).path("name"));
  }

  /**
   * A duration flag's value, a Go duration ({@code 90s}, {@code 5m}, {@code 1h30m},
   * {@code 1.5h}), in whole seconds, rounded up as kubectl does; a bad one fails with the flag
   * parser's message, {@code time.ParseDuration}'s reason included.
   */
  static long seconds(String duration, String flag) {
    try {
      Duration d = GoDuration.read(duration);
      return (long) Math.ceil(d.toNanos() / 1e9);
    } catch (GoDuration.Invalid e) {
      throw badDuration(duration, flag, e.getMessage());
    }
  }

  private static KubectlError badDuration(String duration, String flag, String reason) {
    return new KubectlError("Error: invalid argument \"" + duration + "\" for \"" + flag
        + "\" flag: time: " + reason + "\nSee 'capstan kubectl logs --help' for usage.");
  }

}

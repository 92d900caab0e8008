package io.capstan.cli.kubectl;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The wait of {@code rollout status}: reads the Deployment (and, while it is not done, the pods
 * of its new ReplicaSet) every {@link #PERIOD}, tells the report, and ends when the rollout is
 * done, has failed, or the deadline passes (kubectl's timeout error).
 */
final class RolloutWatch {

  static final Duration PERIOD = Duration.ofMillis(500);

  private final RolloutTarget target;
  private final RolloutReport report;
  private final boolean failFast;

  RolloutWatch(RolloutTarget target, RolloutReport report, boolean failFast) {
    this.target = target;
    this.report = report;
    this.failFast = failFast;
  }

  /** How the wait ended. */
  sealed interface Outcome {
    record Done() implements Outcome {}

    record Failed(String message) implements Outcome {}
  }

  /**
   * Waits until the rollout ends or {@code deadline}; with {@code watch} false, reads once. A
   * {@code revision} above 0 must be the Deployment's current one (kubectl's error otherwise).
   */
  Outcome await(long revision, boolean watch, Instant deadline) {
    while (true) {
      if (Instant.now().isAfter(deadline)) {
        report.close();
        throw new KubectlError("error: timed out waiting for the condition");
      }
      JsonNode deployment = target.deployment();
      RolloutProgress read = RolloutProgress.of(deployment);
      Optional<JsonNode> newReplicaSet = read.observed() ? newReplicaSet(deployment)
          : Optional.empty();
      RolloutProgress progress = newReplicaSet.map(read::withNewReplicaSet).orElse(read);
      if (revision > 0 && progress.revision() != revision) {
        throw new KubectlError("error: desired revision (" + revision + ") is different from "
            + "the running revision (" + progress.revision() + ")");
      }
      RolloutProgress.Verdict verdict = progress.verdict();
      report.progress(progress, verdict);
      switch (verdict.phase()) {
        case DONE -> {
          return new Outcome.Done();
        }
        case FAILED -> {
          return new Outcome.Failed("error: " + verdict.message());
        }
        case WAITING -> {
          Optional<PodFailure> failure = failFast
              ? newReplicaSet.flatMap(RolloutWatch::hash).flatMap(this::firstFailure)
              : Optional.empty();
          if (failure.isPresent()) {
            return failed(progress, failure.get());
          }
        }
      }
      if (!watch) {
        return new Outcome.Done();
      }
      pause();
    }
  }

  private Outcome failed(RolloutProgress progress, PodFailure failure) {
    String logs = target.tail(failure.pod(), failure.container(),
        RolloutStatusCommand.LOG_LINES);
    report.failed(progress, failure, logs);
    StringBuilder message = new StringBuilder("error: deployment \"" + progress.name()
        + "\" rollout failed: " + failure.describe());
    if (!logs.isBlank()) {
      message.append("\nlast log lines of ").append(failure.pod()).append('/')
          .append(failure.container()).append(":\n");
      logs.strip().lines().forEach(l -> message.append("  ").append(l).append('\n'));
      message.setLength(message.length() - 1);
    }
    return new Outcome.Failed(message.toString());
  }

  /** The first failure among the pods with the new ReplicaSet's hash, by pod name. */
  private Optional<PodFailure> firstFailure(String hash) {
    Instant now = Instant.now();
    List<JsonNode> pods = target.pods(hash).stream()
        .sorted(Comparator.comparing(p -> p.path("metadata").path("name").asString("")))
        .toList();
    for (JsonNode pod : pods) {
      Optional<PodFailure> failure = PodFailure.detect(pod, now);
      if (failure.isPresent()) {
        return failure;
      }
    }
    return Optional.empty();
  }

  /** The ReplicaSet of the Deployment's current revision, when its template is the current one. */
  private Optional<JsonNode> newReplicaSet(JsonNode deployment) {
    long current = RolloutProgress.revisionOf(deployment).orElse(0L);
    return target.history(deployment).replicaSet(current)
        .filter(rs -> RevisionHistory.sameTemplate(rs.path("spec").path("template"),
            deployment.path("spec").path("template")));
  }

  private static Optional<String> hash(JsonNode replicaSet) {
    String hash = replicaSet.path("spec").path("template").path("metadata").path("labels")
        .path(RevisionHistory.HASH).asString("");
    return hash.isEmpty() ? Optional.empty() : Optional.of(hash);
  }

  private static void pause() {
    try {
      Thread.sleep(PERIOD);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubectlError("error: interrupted");
    }
  }
}

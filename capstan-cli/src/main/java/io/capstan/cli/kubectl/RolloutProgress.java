package io.capstan.cli.kubectl;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Where a Deployment's rollout stands, read from the Deployment alone, and the sentence kubectl's
 * {@code rollout status} prints for it (its {@code DeploymentStatusViewer}, case for case): the
 * spec not yet observed, the progress deadline exceeded, new replicas still being created, old
 * replicas still terminating, updated replicas not yet available, or done. {@code ready} and
 * {@code available} count every pod of the Deployment; {@code newReady} and {@code newAvailable}
 * only those of the new ReplicaSet, once it is known ({@link #withNewReplicaSet}).
 */
record RolloutProgress(String name, long revision, long generation, long observedGeneration,
    int desired, int replicas, int updated, int ready, int available, boolean deadlineExceeded,
    boolean paused, int newReady, int newAvailable) {

  /** The stage a rollout is at; only {@link #DONE} and {@link #FAILED} end the wait. */
  enum Phase { WAITING, DONE, FAILED }

  /** kubectl's sentence for the stage and the stage itself. */
  record Verdict(Phase phase, String message) {}

  static RolloutProgress of(JsonNode deployment) {
    JsonNode status = deployment.path("status");
    boolean deadline = false;
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asString("").equals("Progressing")
          && c.path("reason").asString("").equals("ProgressDeadlineExceeded")) {
        deadline = true;
      }
    }
    JsonNode spec = deployment.path("spec");
    return new RolloutProgress(deployment.path("metadata").path("name").asString(""),
        revisionOf(deployment).orElse(0L),
        deployment.path("metadata").path("generation").asLong(0),
        status.path("observedGeneration").asLong(0),
        spec.has("replicas") ? spec.path("replicas").asInt() : 1,
        status.path("replicas").asInt(0), status.path("updatedReplicas").asInt(0),
        status.path("readyReplicas").asInt(0), status.path("availableReplicas").asInt(0),
        deadline, spec.path("paused").asBoolean(false),
        status.path("readyReplicas").asInt(0), status.path("availableReplicas").asInt(0));
  }

  /** This progress with the ready and available counts of the new ReplicaSet {@code rs}. */
  RolloutProgress withNewReplicaSet(JsonNode rs) {
    JsonNode status = rs.path("status");
    return new RolloutProgress(name, revision, generation, observedGeneration, desired, replicas,
        updated, ready, available, deadlineExceeded, paused,
        status.path("readyReplicas").asInt(0), status.path("availableReplicas").asInt(0));
  }

  /** The {@code deployment.kubernetes.io/revision} annotation of a Deployment or ReplicaSet. */
  static Optional<Long> revisionOf(JsonNode object) {
    String value = object.path("metadata").path("annotations")
        .path("deployment.kubernetes.io/revision").asString("");
    try {
      return value.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Replicas of older templates still counted by the Deployment. */
  int old() {
    return Math.max(0, replicas - updated);
  }

  /** Whether the controller has seen the current spec. */
  boolean observed() {
    return generation <= observedGeneration;
  }

  Verdict verdict() {
    String waiting = "Waiting for deployment \"" + name + "\" rollout to finish: ";
    if (!observed()) {
      return new Verdict(Phase.WAITING, "Waiting for deployment spec update to be observed...");
    }
    if (deadlineExceeded) {
      return new Verdict(Phase.FAILED,
          "deployment \"" + name + "\" exceeded its progress deadline");
    }
    if (updated < desired) {
      return new Verdict(Phase.WAITING, waiting + updated + " out of " + desired
          + " new replicas have been updated...");
    }
    if (replicas > updated) {
      return new Verdict(Phase.WAITING, waiting + old()
          + " old replicas are pending termination...");
    }
    if (available < updated) {
      return new Verdict(Phase.WAITING, waiting + available + " of " + updated
          + " updated replicas are available...");
    }
    return new Verdict(Phase.DONE, "deployment \"" + name + "\" successfully rolled out");
  }
}

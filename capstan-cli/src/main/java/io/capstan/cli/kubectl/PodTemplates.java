package io.capstan.cli.kubectl;

import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Where an object keeps its pod spec: a Pod's own, a workload's template's, a CronJob's job's. */
final class PodTemplates {

  private PodTemplates() {}

  static Optional<ObjectNode> podSpec(JsonNode object) {
    JsonNode spec = switch (object.path("kind").asString("")) {
      case "Pod" -> object.path("spec");
      case "PodTemplate" -> object.path("template").path("spec");
      case "CronJob" -> object.path("spec").path("jobTemplate").path("spec").path("template")
          .path("spec");
      case "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job",
          "ReplicationController" -> object.path("spec").path("template").path("spec");
      default -> null;
    };
    return spec instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
  }
}

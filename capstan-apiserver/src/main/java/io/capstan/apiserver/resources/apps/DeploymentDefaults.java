package io.capstan.apiserver.resources.apps;

import io.capstan.apiserver.resources.fields.Nodes;
import io.capstan.apiserver.resources.pod.PodSpecDefaults;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code SetDefaults_Deployment} and {@code SetDefaults_ReplicaSet} (apps/v1), with the pod
 * template defaults. {@code maxSurge} and {@code maxUnavailable} default to the strings "25%",
 * and only when the strategy is RollingUpdate.
 */
final class DeploymentDefaults {

  private DeploymentDefaults() {}

  static void applyToDeployment(ObjectNode deployment) {
    ObjectNode spec = Nodes.ensureObject(deployment, "spec");
    putIfNil(spec, "replicas", 1);
    ObjectNode strategy = Nodes.ensureObject(spec, "strategy");
    if (Nodes.string(strategy, "type").isEmpty()) {
      strategy.put("type", "RollingUpdate");
    }
    if (Nodes.string(strategy, "type").equals("RollingUpdate")) {
      ObjectNode rolling = Nodes.ensureObject(strategy, "rollingUpdate");
      if (!Nodes.has(rolling, "maxUnavailable")) {
        rolling.put("maxUnavailable", "25%");
      }
      if (!Nodes.has(rolling, "maxSurge")) {
        rolling.put("maxSurge", "25%");
      }
    }
    putIfNil(spec, "revisionHistoryLimit", 10);
    putIfNil(spec, "progressDeadlineSeconds", 600);
    applyToTemplate(spec);
  }

  static void applyToReplicaSet(ObjectNode replicaSet) {
    ObjectNode spec = Nodes.ensureObject(replicaSet, "spec");
    putIfNil(spec, "replicas", 1);
    applyToTemplate(spec);
  }

  private static void applyToTemplate(ObjectNode spec) {
    ObjectNode template = Nodes.ensureObject(spec, "template");
    PodSpecDefaults.apply(Nodes.ensureObject(template, "spec"));
  }

  private static void putIfNil(ObjectNode node, String field, int value) {
    if (!Nodes.has(node, field)) {
      node.put(field, value);
    }
  }
}

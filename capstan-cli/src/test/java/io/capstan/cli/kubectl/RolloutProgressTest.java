package io.capstan.cli.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.apiserver.json.Json;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutProgressTest {

  record Case(String name, String deployment, RolloutProgress.Phase phase, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    String w = "Waiting for deployment \"web\" rollout to finish: ";
    return Stream.of(
        new Case("spec not observed", deployment(3, 2, 1, "{}", ""),
            RolloutProgress.Phase.WAITING, "Waiting for deployment spec update to be observed..."),
        new Case("deadline exceeded", deployment(2, 2, 3, "{\"replicas\":4,\"updatedReplicas\":1}",
            "ProgressDeadlineExceeded"), RolloutProgress.Phase.FAILED,
            "deployment \"web\" exceeded its progress deadline"),
        new Case("new replicas being created", deployment(2, 2, 3,
            "{\"replicas\":4,\"updatedReplicas\":1}", "ReplicaSetUpdated"),
            RolloutProgress.Phase.WAITING, w + "1 out of 3 new replicas have been updated..."),
        new Case("old replicas terminating", deployment(2, 2, 3,
            "{\"replicas\":5,\"updatedReplicas\":3}", ""),
            RolloutProgress.Phase.WAITING, w + "2 old replicas are pending termination..."),
        new Case("updated not yet available", deployment(2, 2, 3,
            "{\"replicas\":3,\"updatedReplicas\":3,\"availableReplicas\":1}", ""),
            RolloutProgress.Phase.WAITING, w + "1 of 3 updated replicas are available..."),
        new Case("done", deployment(2, 2, 3,
            "{\"replicas\":3,\"updatedReplicas\":3,\"availableReplicas\":3}", ""),
            RolloutProgress.Phase.DONE, "deployment \"web\" successfully rolled out"),
        new Case("scaled to zero", deployment(1, 1, 0, "{}", ""),
            RolloutProgress.Phase.DONE, "deployment \"web\" successfully rolled out"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verdictIsKubectls(Case c) {
    RolloutProgress progress = RolloutProgress.of(Json.MAPPER.readTree(c.deployment()));
    assertThat(progress.verdict())
        .isEqualTo(new RolloutProgress.Verdict(c.phase(), c.message()));
  }

  @org.junit.jupiter.api.Test
  void readsCountsAndRevision() {
    RolloutProgress p = RolloutProgress.of(Json.MAPPER.readTree(deployment(2, 2, 3,
        "{\"replicas\":5,\"updatedReplicas\":2,\"readyReplicas\":4,\"availableReplicas\":4}",
        "")));
    assertThat(p).extracting(RolloutProgress::revision, RolloutProgress::desired,
        RolloutProgress::updated, RolloutProgress::ready, RolloutProgress::available,
        RolloutProgress::old).containsExactly(7L, 3, 2, 4, 4, 3);
  }

  static String deployment(long generation, long observed, int replicas, String counts,
      String progressingReason) {
    var status = (tools.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(counts);
    status.put("observedGeneration", observed);
    if (!progressingReason.isEmpty()) {
      status.putArray("conditions").addObject().put("type", "Progressing")
          .put("status", progressingReason.equals("ProgressDeadlineExceeded") ? "False" : "True")
          .put("reason", progressingReason);
    }
    return """
        {"metadata":{"name":"web","generation":%d,
          "annotations":{"deployment.kubernetes.io/revision":"7"}},
         "spec":{"replicas":%d},"status":%s}""".formatted(generation, replicas, status);
  }
}

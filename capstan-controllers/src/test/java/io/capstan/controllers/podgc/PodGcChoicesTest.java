package io.capstan.controllers.podgc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodGcChoicesTest {

  @Test
  void terminatedPodsOverTheThresholdGoEvictedFirstThenOldest() {
    List<Pod> pods = List.of(
        pod("new", "Succeeded", "", "2026-01-03T00:00:00Z"),
        pod("old", "Failed", "", "2026-01-01T00:00:00Z"),
        pod("evicted", "Failed", "Evicted", "2026-01-05T00:00:00Z"),
        pod("running", "Running", "", "2025-01-01T00:00:00Z"),
        pod("middle", "Succeeded", "", "2026-01-02T00:00:00Z"));
    assertThat(names(PodGcChoices.terminatedOverThreshold(pods, 2)))
        .containsExactly("evicted", "old");
    assertThat(PodGcChoices.terminatedOverThreshold(pods, 4)).isEmpty();
    assertThat(PodGcChoices.terminatedOverThreshold(pods, 0)).isEmpty();
  }

  @Test
  void podsOfNodesTheCacheLacksAreOrphans() {
    List<Pod> pods = List.of(bound("a", "gone"), bound("b", "here"), bound("c", ""),
        bound("d", "gone"));
    Set<String> missing = PodGcChoices.missingNodes(pods, "here"::equals);
    assertThat(missing).containsExactly("gone");
    assertThat(names(PodGcChoices.boundTo(pods, missing))).containsExactly("a", "d");
  }

  @Test
  void onlyTerminatingPodsOfNotReadyOutOfServiceNodesAreForced() {
    Pod terminating = terminating(bound("t", "off"));
    Pod alive = bound("alive", "off");
    Pod elsewhere = terminating(bound("e", "tainted-but-ready"));
    Pod unscheduled = terminating(bound("u", ""));
    Map<String, Node> nodes = Map.of(
        "off", node("off", "Unknown", true),
        "tainted-but-ready", node("tainted-but-ready", "True", true));
    List<Pod> pods = List.of(terminating, alive, elsewhere, unscheduled);
    assertThat(names(PodGcChoices.terminatingOutOfService(pods, nodes::get)))
        .containsExactly("t");
    assertThat(PodGcChoices.terminatingOutOfService(pods,
        n -> node(n, "False", false))).isEmpty();
    assertThat(names(PodGcChoices.unscheduledTerminating(pods))).containsExactly("u");
  }

  private static Pod pod(String name, String phase, String reason, String created) {
    return new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp(created)
        .endMetadata().withNewStatus().withPhase(phase).withReason(reason.isEmpty() ? null
            : reason).endStatus().build();
  }

  private static Pod bound(String name, String node) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withNodeName(node.isEmpty() ? null : node).endSpec().build();
  }

  private static Pod terminating(Pod pod) {
    return new PodBuilder(pod).editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z")
        .endMetadata().build();
  }

  private static Node node(String name, String ready, boolean outOfService) {
    NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name).endMetadata();
    if (outOfService) {
      node.withNewSpec().addNewTaint().withKey(PodGcChoices.OUT_OF_SERVICE_TAINT)
          .withValue("nodeshutdown").withEffect("NoExecute").endTaint().endSpec();
    }
    return node.withNewStatus().addNewCondition().withType("Ready").withStatus(ready)
        .endCondition().endStatus().build();
  }

  private static List<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getName()).toList();
  }
}

package io.capstan.controllers.nodeipam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.SharedInformers;
import io.capstan.controllers.gc.ClusterFixture;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeIpamControllerTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  private ClusterFixture cluster;
  private SharedInformers informers;
  private Controller controller;

  @BeforeEach
  void start() throws Exception {
    cluster = new ClusterFixture();
    // A /24 cut into four /26s, so running out is quick.
    register("kept", "127.3.0.64/26");
    informers = new SharedInformers(cluster.client);
    controller = NodeIpamController.create(cluster.client, informers, Clock.systemUTC(),
        cluster.scheduler, new EventRecorder(cluster.client, NodeIpamController.NAME,
            Clock.systemUTC()), PodCidrRanges.of("127.3.0.0/24", 26));
    informers.start();
    controller.start().get();
  }

  @AfterEach
  void stop() {
    controller.close();
    informers.close();
    cluster.close();
  }

  @Test
  void eachNodeGetsARangeOfItsOwnAndADeletedNodesRangeIsFreeAgain() {
    register("a", null);
    register("b", null);
    register("c", null);
    await().atMost(DEADLINE).until(() -> !podCidrs("c").isEmpty());
    assertThat(List.of(podCidrs("kept"), podCidrs("a"), podCidrs("b"), podCidrs("c")))
        .containsExactlyInAnyOrder(List.of("127.3.0.64/26"), List.of("127.3.0.0/26"),
            List.of("127.3.0.128/26"), List.of("127.3.0.192/26"));
    assertThat(cluster.client.nodes().withName("a").get().getSpec().getPodCIDR())
        .isEqualTo(podCidrs("a").getFirst());

    register("late", null);
    await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> podCidrs("late").isEmpty());

    List<String> freed = podCidrs("b");
    cluster.client.nodes().withName("b").delete();
    cluster.client.nodes().withName("late").delete();
    register("late", null);
    await().atMost(DEADLINE).until(() -> podCidrs("late").equals(freed));
  }

  private void register(String name, String podCidr) {
    NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name).endMetadata();
    if (podCidr != null) {
      node.withNewSpec().withPodCIDR(podCidr).endSpec();
    }
    cluster.client.nodes().resource(node.build()).create();
  }

  private List<String> podCidrs(String name) {
    Node node = cluster.client.nodes().withName(name).get();
    return node == null || node.getSpec() == null || node.getSpec().getPodCIDRs() == null
        ? List.of() : node.getSpec().getPodCIDRs();
  }
}

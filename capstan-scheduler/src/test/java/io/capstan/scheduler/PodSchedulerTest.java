package io.capstan.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.apiserver.ApiServer;
import io.capstan.apiserver.ApiServerConfig;
import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.SystemScheduler;
import io.capstan.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PodSchedulerTest {
    private static final String NS = "t";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private ApiServer server;
    private KubernetesClient client;
    private SystemScheduler timer;
    private Controller scheduler;

    @BeforeEach
    void start() throws Exception {
        server = ApiServer.start(new MemoryStore(), ApiServerConfig.defaults().withPort(0));
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(server.url())
                .withNamespace(NS).withRequestRetryBackoffLimit(0).build()).build();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        timer = new SystemScheduler("scheduler-test");
        scheduler = PodScheduler.create(client, Clock.systemUTC(), timer, 2);
        scheduler.start().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        scheduler.close();
        timer.close();
        client.close();
        server.close();
    }

    private void createNode(Node node) {
        Node created = client.nodes().resource(new NodeBuilder(node).withStatus(null).build()).create();
        client.nodes().resource(new NodeBuilder(created).withStatus(node.getStatus()).build()).updateStatus();
    }

    private Pod get(String name) {
        return client.pods().inNamespace(NS).withName(name).get();
    }

    private static Optional<PodCondition> scheduled(Pod pod) {
        return pod.getStatus() == null ? Optional.empty() : PodRequests.orEmpty(pod.getStatus().getConditions())
                .stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst();
    }

    @Test
    void podsAreBoundToReadyNodes() {
        createNode(Objects.node("a"));
        createNode(Objects.node("b", "4", "8Gi", 110).editStatus().editFirstCondition().withStatus("False")
                .endCondition().endStatus().build());

        client.pods().inNamespace(NS).resource(Objects.pod("p1")).create();
        client.pods().inNamespace(NS).resource(Objects.pod("p2", "1", "1Gi").build()).create();

        await().atMost(DEADLINE).untilAsserted(() -> {
            for (String name : new String[] {"p1", "p2"}) {
                Pod pod = get(name);
                assertThat(pod.getSpec().getNodeName()).isEqualTo("a");
                assertThat(scheduled(pod)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
            }
        });
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .filteredOn(e -> "Scheduled".equals(e.getReason()))
                .extracting(e -> e.getType() + " " + e.getInvolvedObject().getName() + ": " + e.getMessage())
                .containsExactlyInAnyOrder("Normal p1: Successfully assigned " + NS + "/p1 to a",
                        "Normal p2: Successfully assigned " + NS + "/p2 to a"));
    }

    @Test
    void unschedulablePodIsReportedThenBoundWhenAMatchingNodeAppears() {
        createNode(Objects.node("a"));
        createNode(Objects.node("b", "4", "8Gi", 110).editSpec().withUnschedulable(true).endSpec().build());
        client.pods().inNamespace(NS).resource(new PodBuilder(Objects.pod("p")).editSpec()
                .withNodeSelector(Map.of("disk", "ssd")).endSpec().build()).create();

        String expected = "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector,"
                + " 1 node(s) were unschedulable.";
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(scheduled(get("p"))).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("Unschedulable");
            assertThat(c.getMessage()).isEqualTo(expected);
        }));
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("FailedScheduling");
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).isEqualTo(expected);
                }));
        assertThat(get("p").getSpec().getNodeName()).isNullOrEmpty();
        // A node change re-runs the decision; the same verdict writes nothing more.
        String version = get("p").getMetadata().getResourceVersion();
        client.nodes().withName("a").edit(n -> new NodeBuilder(n).editMetadata().addToLabels("touched", "yes")
                .endMetadata().build());
        await().during(Duration.ofSeconds(1)).atMost(DEADLINE).untilAsserted(() ->
                assertThat(get("p").getMetadata().getResourceVersion()).isEqualTo(version));
        assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .filteredOn(e -> "FailedScheduling".equals(e.getReason())).hasSize(1);

        createNode(Objects.node("c", "4", "8Gi", 110).editMetadata().withLabels(Map.of("disk", "ssd")).endMetadata()
                .build());

        await().atMost(DEADLINE).untilAsserted(() -> {
            Pod pod = get("p");
            assertThat(pod.getSpec().getNodeName()).isEqualTo("c");
            assertThat(scheduled(pod)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
        });
    }

    @Test
    void replicasOfOneOwnerSpreadAcrossNodes() {
        for (String n : new String[] {"a", "b", "c"}) {
            createNode(Objects.node(n));
        }
        for (int i = 0; i < 6; i++) {
            client.pods().inNamespace(NS).resource(new PodBuilder(Objects.pod("web-" + i)).editMetadata()
                    .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("web")
                    .withUid("uid-web").withController(true).endOwnerReference().endMetadata().build()).create();
        }

        await().atMost(DEADLINE).untilAsserted(() -> {
            Map<String, Long> perNode = client.pods().inNamespace(NS).list().getItems().stream()
                    .filter(p -> p.getSpec().getNodeName() != null)
                    .collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
            assertThat(perNode).containsOnly(Map.entry("a", 2L), Map.entry("b", 2L), Map.entry("c", 2L));
        });
    }

    @Test
    void concurrentDecisionsDoNotOverbookANode() {
        createNode(Objects.node("a", "2", "8Gi", 110).build());
        createNode(Objects.node("b", "2", "8Gi", 110).build());
        for (int i = 0; i < 5; i++) {
            client.pods().inNamespace(NS).resource(Objects.pod("p" + i, "1", null).build()).create();
        }

        await().atMost(DEADLINE).untilAsserted(() -> {
            var pods = client.pods().inNamespace(NS).list().getItems();
            assertThat(pods).filteredOn(p -> p.getSpec().getNodeName() != null).hasSize(4);
            assertThat(pods.stream().filter(p -> p.getSpec().getNodeName() != null)
                    .collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting())))
                    .containsOnly(Map.entry("a", 2L), Map.entry("b", 2L));
            assertThat(pods).filteredOn(p -> p.getSpec().getNodeName() == null).singleElement()
                    .satisfies(p -> assertThat(scheduled(p)).hasValueSatisfying(c -> assertThat(c.getMessage())
                            .isEqualTo("0/2 nodes are available: 2 Insufficient cpu.")));
        });
    }
}

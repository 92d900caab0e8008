package io.capstan.controllers.replicaset;

import static io.capstan.controllers.replicaset.ReplicaSetFixture.NS;
import static io.capstan.controllers.replicaset.ReplicaSetFixture.barePod;
import static io.capstan.controllers.replicaset.ReplicaSetFixture.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplicaSetControllerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private ReplicaSetFixture fx;

    @BeforeEach
    void startServer() throws Exception {
        fx = ReplicaSetFixture.start();
    }

    @AfterEach
    void stopServer() {
        fx.close();
    }

    private static Set<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }

    private void awaitReplicas(String name, int count) {
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(fx.podsOf(name)).hasSize(count);
            assertThat(fx.get(name).getStatus()).isNotNull();
            assertThat(fx.get(name).getStatus().getReplicas()).isEqualTo(count);
        });
    }

    @Test
    void scaleUpCreatesPodsOwnedByTheReplicaSetWithTemplateLabels() {
        ReplicaSet rs = fx.create(replicaSet("web", 3, 0));

        awaitReplicas("web", 3);

        for (Pod pod : fx.pods()) {
            assertThat(pod.getMetadata().getName()).startsWith("web-");
            assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web").containsEntry("tier", "front");
            OwnerReference ref = pod.getMetadata().getOwnerReferences().get(0);
            assertThat(pod.getMetadata().getOwnerReferences()).hasSize(1);
            assertThat(ref.getApiVersion()).isEqualTo("apps/v1");
            assertThat(ref.getKind()).isEqualTo("ReplicaSet");
            assertThat(ref.getName()).isEqualTo("web");
            assertThat(ref.getUid()).isEqualTo(rs.getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
            assertThat(ref.getBlockOwnerDeletion()).isTrue();
        }
        ReplicaSet stored = fx.get("web");
        assertThat(stored.getStatus().getFullyLabeledReplicas()).isEqualTo(3);
        assertThat(stored.getStatus().getObservedGeneration()).isEqualTo(stored.getMetadata().getGeneration());
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(fx.client.v1().events().inNamespace(NS).list().getItems())
                .filteredOn(e -> "SuccessfulCreate".equals(e.getReason())).hasSize(3));
    }

    @Test
    void largeScaleUpCreatesExactlyTheMissingPodsDespiteWatchLag() {
        fx.create(replicaSet("web", 1, 0));
        awaitReplicas("web", 1);

        fx.scale("web", 25);

        awaitReplicas("web", 25);
        // Expectations keep syncs that run before the informer has seen every creation from creating more.
        await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> fx.pods().size() == 25);

        fx.scale("web", 3);

        awaitReplicas("web", 3);
        assertThat(fx.pods()).hasSize(3);
    }

    @Test
    void deletedPodIsReplacedByANewOne() {
        fx.create(replicaSet("web", 3, 0));
        awaitReplicas("web", 3);
        Pod victim = fx.podsOf("web").get(0);

        fx.client.pods().inNamespace(NS).withName(victim.getMetadata().getName()).delete();

        await().atMost(DEADLINE).untilAsserted(() -> {
            Set<String> now = names(fx.podsOf("web"));
            assertThat(now).hasSize(3).doesNotContain(victim.getMetadata().getName());
        });
    }

    @Test
    void scaleDownDeletesNotReadyPodsBeforeReadyOnes() {
        fx.create(replicaSet("web", 3, 0));
        awaitReplicas("web", 3);
        List<Pod> pods = fx.podsOf("web");
        String ready = pods.get(1).getMetadata().getName();
        fx.markReady(ready, Instant.now().minusSeconds(60));
        await().atMost(DEADLINE).until(() -> fx.get("web").getStatus().getReadyReplicas(), r -> r != null && r == 1);

        fx.scale("web", 1);

        awaitReplicas("web", 1);
        assertThat(names(fx.podsOf("web"))).containsExactly(ready);
        assertThat(fx.pods()).hasSize(1);
    }

    @Test
    void adoptsMatchingOrphansAndCreatesOnlyWhatIsMissing() {
        fx.client.pods().inNamespace(NS).resource(barePod("bare-1", Map.of("app", "web"))).create();
        fx.client.pods().inNamespace(NS).resource(barePod("bare-2", Map.of("app", "web"))).create();
        fx.client.pods().inNamespace(NS).resource(barePod("other", Map.of("app", "other"))).create();

        fx.create(replicaSet("web", 3, 0));

        awaitReplicas("web", 3);
        assertThat(names(fx.podsOf("web"))).contains("bare-1", "bare-2");
        assertThat(fx.pods()).hasSize(4);
        assertThat(fx.client.pods().inNamespace(NS).withName("other").get().getMetadata().getOwnerReferences())
                .isNullOrEmpty();
        // bare pods lack the template's tier label, so only the created pod is fully labelled.
        assertThat(fx.get("web").getStatus().getFullyLabeledReplicas()).isEqualTo(1);

        // A matching bare pod created later is adopted and a surplus pod deleted.
        fx.client.pods().inNamespace(NS).resource(barePod("bare-3", Map.of("app", "web"))).create();
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(fx.podsOf("web")).hasSize(3);
            assertThat(fx.pods()).hasSize(4);
            assertThat(fx.pods()).allMatch(p -> p.getMetadata().getName().equals("other")
                    || PodOwnership.controllerOf(p).isPresent());
        });
    }

    @Test
    void relabelledPodIsReleasedAndReplaced() {
        fx.create(replicaSet("web", 2, 0));
        awaitReplicas("web", 2);
        String relabelled = fx.podsOf("web").get(0).getMetadata().getName();

        fx.client.pods().inNamespace(NS).withName(relabelled).edit(p -> new PodBuilder(p).editMetadata()
                .addToLabels("app", "other").endMetadata().build());

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(names(fx.podsOf("web"))).hasSize(2).doesNotContain(relabelled);
            assertThat(fx.client.pods().inNamespace(NS).withName(relabelled).get().getMetadata().getOwnerReferences())
                    .isNullOrEmpty();
        });
        assertThat(fx.pods()).hasSize(3);
    }

    @Test
    void statusCountsReadyAndAvailablePods() {
        fx.create(replicaSet("web", 3, 0));
        awaitReplicas("web", 3);
        List<Pod> pods = fx.podsOf("web");

        fx.markReady(pods.get(0).getMetadata().getName(), Instant.now());
        fx.markReady(pods.get(1).getMetadata().getName(), Instant.now());

        await().atMost(DEADLINE).untilAsserted(() -> {
            var status = fx.get("web").getStatus();
            assertThat(status.getReplicas()).isEqualTo(3);
            assertThat(status.getFullyLabeledReplicas()).isEqualTo(3);
            assertThat(status.getReadyReplicas()).isEqualTo(2);
            assertThat(status.getAvailableReplicas()).isEqualTo(2);
        });
    }
}

package io.capstan.controllers.replicaset;

import static io.capstan.controllers.replicaset.ReplicaSetFixture.NS;
import static io.capstan.controllers.replicaset.ReplicaSetFixture.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.Keys;
import io.capstan.controller.runtime.testing.FakeClock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour that depends on time (minReadySeconds) or on what a sync writes, driven by a fake clock. */
class ReplicaSetTimingTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private final FakeClock clock = new FakeClock();
    private ReplicaSetFixture fx;

    @BeforeEach
    void startServer() throws Exception {
        fx = ReplicaSetFixture.start(clock);
    }

    @AfterEach
    void stopServer() {
        fx.close();
    }

    @Test
    void readyPodsBecomeAvailableOnlyAfterMinReadySeconds() {
        fx.create(replicaSet("web", 2, 10));
        await().atMost(DEADLINE).until(() -> fx.podsOf("web").size() == 2);

        for (Pod pod : fx.podsOf("web")) {
            fx.markReady(pod.getMetadata().getName(), clock.instant());
        }

        await().atMost(DEADLINE).untilAsserted(() -> {
            var status = fx.get("web").getStatus();
            assertThat(status.getReadyReplicas()).isEqualTo(2);
            assertThat(Objects.requireNonNullElse(status.getAvailableReplicas(), 0)).isZero();
            // The sync asked to look again once the pods have been ready for minReadySeconds.
            assertThat(clock.pendingDueTimes()).contains(clock.instant().plusSeconds(11));
        });

        clock.advance(Duration.ofSeconds(11));

        await().atMost(DEADLINE).untilAsserted(
                () -> assertThat(fx.get("web").getStatus().getAvailableReplicas()).isEqualTo(2));
    }

    @Test
    void secondReconcileOfASettledReplicaSetWritesNothing() throws Exception {
        fx.create(replicaSet("web", 3, 0));
        await().atMost(DEADLINE).until(() -> fx.podsOf("web").size() == 3);
        fx.markReady(fx.podsOf("web").get(0).getMetadata().getName(), clock.instant());
        await().atMost(DEADLINE).until(() -> Objects.equals(fx.get("web").getStatus().getReadyReplicas(), 1));

        SharedIndexInformer<ReplicaSet> replicaSets = fx.client.apps().replicaSets().inNamespace(NS).runnableInformer(0);
        SharedIndexInformer<Pod> pods = fx.client.pods().inNamespace(NS).runnableInformer(0);
        try (replicaSets; pods) {
            replicaSets.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
            pods.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Map<String, String> before = resourceVersions();
            await().atMost(DEADLINE).until(() -> before.equals(cached(replicaSets.getStore().list(), pods.getStore().list())));
            // A no-op write would leave resourceVersions alone, so count the requests that are not reads as well.
            AtomicInteger writes = new AtomicInteger();
            try (KubernetesClient counting = fx.clientCounting(writes)) {
                Expectations expectations = new Expectations(clock);
                var reconciler = new ReplicaSetReconciler(counting, replicaSets, pods, expectations,
                        new ReplicaScaler(counting, expectations, new EventRecorder(counting, "test", clock), clock), clock);

                reconciler.reconcile(Keys.of(NS, "web"));
            }

            assertThat(writes.get()).isZero();
            assertThat(resourceVersions()).isEqualTo(before);
        }
    }

    private Map<String, String> resourceVersions() {
        return cached(fx.client.apps().replicaSets().inNamespace(NS).list().getItems(), fx.pods());
    }

    private static Map<String, String> cached(List<? extends HasMetadata> replicaSets, List<? extends HasMetadata> pods) {
        return Stream.concat(replicaSets.stream(), pods.stream()).collect(Collectors.toMap(
                o -> o.getKind() + "/" + o.getMetadata().getName(), o -> o.getMetadata().getResourceVersion()));
    }
}

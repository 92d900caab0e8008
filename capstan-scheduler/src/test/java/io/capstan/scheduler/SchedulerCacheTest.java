package io.capstan.scheduler;

import static io.capstan.scheduler.Objects.boundTo;
import static io.capstan.scheduler.Objects.node;
import static io.capstan.scheduler.Objects.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.capstan.controller.runtime.Keys;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulerCacheTest {
    private static final String[] NODES = {"a", "b", "c", "d"};
    private static final String[] PHASES = {null, "Pending", "Running", "Succeeded", "Failed"};
    private static final String[] CPU = {null, "0", "100m", "250m", "1", "1500m"};
    private static final String[] MEMORY = {null, "0", "64Mi", "1Gi", "2Gi"};

    /** The informer's store as the cache's lookups see it. */
    private final Map<String, Pod> store = new LinkedHashMap<>();
    private final SchedulerCache cache = new SchedulerCache(store::get);

    private void apply(Pod pod) {
        store.put(Keys.of(pod), pod);
        cache.podChanged(pod);
    }

    private void delete(Pod pod) {
        store.remove(Keys.of(pod));
        cache.podDeleted(pod);
    }

    private final Map<String, Node> nodes = new TreeMap<>();

    private void addNode(Node node) {
        nodes.put(node.getMetadata().getName(), node);
    }

    private NodeInfo info(String node) {
        return cache.snapshot(nodes.values()).nodes().stream().filter(n -> n.name().equals(node)).findFirst()
                .orElseThrow();
    }

    private static Pod randomPod(Random random, String name) {
        PodBuilder b = new PodBuilder(pod(name, CPU[random.nextInt(CPU.length)], MEMORY[random.nextInt(MEMORY.length)])
                .build());
        b.editMetadata().withUid(name + "-uid").endMetadata();
        int owner = random.nextInt(4);
        if (owner > 0) {
            b.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("rs")
                    .withUid("owner-" + owner).withController(random.nextBoolean()).endOwnerReference().endMetadata();
        }
        if (random.nextInt(3) == 0) {
            b.editSpec().editFirstContainer().addNewPort().withContainerPort(80).withHostPort(8080 + random.nextInt(3))
                    .withProtocol(random.nextBoolean() ? null : "UDP").endPort().endContainer().endSpec();
        }
        if (random.nextInt(4) > 0) {
            b.editSpec().withNodeName(NODES[random.nextInt(NODES.length)]).endSpec();
        }
        String phase = PHASES[random.nextInt(PHASES.length)];
        if (phase != null) {
            b.withNewStatus().withPhase(phase).endStatus();
        }
        return b.build();
    }

    /**
     * Random adds, updates (rebinding, unbinding in the model, becoming terminal, new requests), deletes, assumptions,
     * forgotten assumptions and node churn; after each, the cache equals the aggregates recomputed from scratch over
     * the store with each live assumption overlaid as the pod bound to its assumed node.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void aggregatesMatchARecomputationAfterRandomEvents(long seed) {
        Random random = new Random(seed);
        Map<String, Pod> assumedModel = new HashMap<>();
        for (int step = 0; step < 2_000; step++) {
            String name = "p" + random.nextInt(40);
            String key = Keys.of("t", name);
            int op = random.nextInt(100);
            if (op < 55) {
                apply(randomPod(random, name));
            } else if (op < 65) {
                if (store.containsKey(key)) {
                    delete(store.get(key));
                }
            } else if (op < 80) {
                Pod current = store.get(key);
                // The scheduler assumes only pending pods: unbound and not finished.
                if (current != null && !SchedulingSnapshot.isBound(current)
                        && !SchedulingSnapshot.isTerminal(current)) {
                    String node = NODES[random.nextInt(NODES.length)];
                    cache.assume(key, current, node);
                    assumedModel.put(key, boundTo(current, node));
                }
            } else if (op < 85) {
                cache.forget(key);
                assumedModel.remove(key);
            } else if (op < 95) {
                String n = NODES[random.nextInt(NODES.length)];
                Node node = node(n, Integer.toString(1 + random.nextInt(8)), "8Gi", 1 + random.nextInt(50)).build();
                nodes.put(n, node);
            } else {
                nodes.remove(NODES[random.nextInt(NODES.length)]);
            }
            // The assume cache's rule: an assumption ends once the store shows the pod bound or gone.
            assumedModel.keySet().removeIf(k -> store.get(k) == null || SchedulingSnapshot.isBound(store.get(k)));
            List<Pod> overlaid = new ArrayList<>();
            store.forEach((k, p) -> overlaid.add(assumedModel.getOrDefault(k, p)));
            assertThat(cache.snapshot(nodes.values())).as("step %d", step)
                    .isEqualTo(SchedulingSnapshot.of(nodes.values(), overlaid));
        }
    }

    @Test
    void assumedPodCountsOnceBeforeAndAfterTheInformerShowsItBound() {
        addNode(node("a"));
        addNode(node("b"));
        Pod pod = new PodBuilder(pod("p", "1", "1Gi").build()).editMetadata().withUid("u").endMetadata().build();
        apply(pod);
        assertThat(info("a").podCount()).isZero();

        cache.assume(Keys.of(pod), pod, "a");
        assertThat(info("a").podCount()).isEqualTo(1);
        assertThat(info("a").requested()).isEqualTo(new PodRequests(1000, 1L << 30));

        // A status update that leaves the pod unbound keeps the assumption.
        apply(new PodBuilder(pod).withNewStatus().withPhase("Pending").endStatus().build());
        assertThat(info("a").podCount()).isEqualTo(1);

        apply(boundTo(pod, "a"));
        assertThat(cache.isAssumed(Keys.of(pod))).isFalse();
        assertThat(info("a").podCount()).isEqualTo(1);
        assertThat(info("a").requested()).isEqualTo(new PodRequests(1000, 1L << 30));
        assertThat(info("b").podCount()).isZero();
    }

    @Test
    void assumptionEndsWhenThePodIsBoundElsewhere() {
        addNode(node("a"));
        addNode(node("b"));
        Pod pod = new PodBuilder(pod("p")).editMetadata().withUid("u").endMetadata().build();
        apply(pod);
        cache.assume(Keys.of(pod), pod, "a");

        apply(boundTo(pod, "b"));

        assertThat(info("a").podCount()).isZero();
        assertThat(info("b").podCount()).isEqualTo(1);
    }

    @Test
    void assumptionEndsWhenThePodIsDeleted() {
        addNode(node("a"));
        Pod pod = new PodBuilder(pod("p")).editMetadata().withUid("u").endMetadata().build();
        apply(pod);
        cache.assume(Keys.of(pod), pod, "a");

        delete(pod);

        assertThat(info("a").podCount()).isZero();
        assertThat(cache.isAssumed(Keys.of(pod))).isFalse();
    }

    @Test
    void failedBindForgetsTheAssumption() {
        addNode(node("a"));
        Pod pod = new PodBuilder(pod("p", "1", null).build()).editMetadata().withUid("u").endMetadata().build();
        apply(pod);
        cache.assume(Keys.of(pod), pod, "a");

        cache.forget(Keys.of(pod));

        assertThat(info("a")).isEqualTo(NodeInfo.of(node("a"), List.of()));
    }

    @Test
    void aPodAlreadyGoneFromTheStoreIsNotAssumed() {
        addNode(node("a"));
        Pod pod = new PodBuilder(pod("p")).editMetadata().withUid("u").endMetadata().build();
        apply(pod);
        delete(pod);

        cache.assume(Keys.of(pod), pod, "a");

        assertThat(info("a").podCount()).isZero();
        assertThat(cache.isAssumed(Keys.of(pod))).isFalse();
    }

    @Test
    void podsBoundToAnUnknownNodeCountOnceItAppears() {
        apply(boundTo(pod("p", "500m", null).build(), "late"));
        assertThat(cache.snapshot(nodes.values()).nodes()).isEmpty();

        addNode(node("late"));

        assertThat(info("late").requested().milliCpu()).isEqualTo(500);
    }
}

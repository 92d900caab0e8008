package io.capstan.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PodDeletionRankingTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final PodDeletionRanking RANKING = new PodDeletionRanking(NOW);

    /** A scheduled, running, ready pod of rank 1, ready for an hour and created two hours ago. */
    static final PodView BASE = new PodView("p", "u", "n1", "Running", true, Optional.of(NOW.minus(Duration.ofHours(1))),
            0, 1, 0, 0, Optional.of(NOW.minus(Duration.ofHours(2))));

    static PodView pod(UnaryOperator<Builder> edit) {
        return edit.apply(new Builder(BASE)).build();
    }

    /** Copy-with helpers for the record, so each case states only what differs from {@link #BASE}. */
    record Builder(PodView v) {
        Builder node(String n) {
            return new Builder(new PodView(v.name(), v.uid(), n, v.phase(), v.ready(), v.readySince(), v.deletionCost(),
                    v.rank(), v.restarts(), v.sidecarRestarts(), v.created()));
        }

        Builder phase(String p) {
            return new Builder(new PodView(v.name(), v.uid(), v.nodeName(), p, v.ready(), v.readySince(), v.deletionCost(),
                    v.rank(), v.restarts(), v.sidecarRestarts(), v.created()));
        }

        Builder notReady() {
            return new Builder(new PodView(v.name(), v.uid(), v.nodeName(), v.phase(), false, Optional.empty(),
                    v.deletionCost(), v.rank(), v.restarts(), v.sidecarRestarts(), v.created()));
        }

        Builder readyAgo(Duration d) {
            return new Builder(new PodView(v.name(), v.uid(), v.nodeName(), v.phase(), v.ready(), Optional.of(NOW.minus(d)),
                    v.deletionCost(), v.rank(), v.restarts(), v.sidecarRestarts(), v.created()));
        }

        Builder cost(int c) {
            return new Builder(new PodView(v.name(), v.uid(), v.nodeName(), v.phase(), v.ready(), v.readySince(), c,
                    v.rank(), v.restarts(), v.sidecarRestarts(), v.created()));
        }

        Builder rank(int r) {
            return new Builder(new PodView(v.name(), v.uid(), v.nodeName(), v.phase(), v.ready(), v.readySince(),
                    v.deletionCost(), r, v.restarts(), v.sidecarRestarts(), v.created()));
        }

        Builder restarts(int regular, int sidecar) {
            return new Builder(new PodView(v.name(), v.uid(), v.nodeName(), v.phase(), v.ready(), v.readySince(),
                    v.deletionCost(), v.rank(), regular, sidecar, v.created()));
        }

        Builder created(Optional<Duration> ago) {
            return new Builder(new PodView(v.name(), v.uid(), v.nodeName(), v.phase(), v.ready(), v.readySince(),
                    v.deletionCost(), v.rank(), v.restarts(), v.sidecarRestarts(), ago.map(NOW::minus)));
        }

        Builder uid(String u) {
            return new Builder(new PodView(v.name(), u, v.nodeName(), v.phase(), v.ready(), v.readySince(),
                    v.deletionCost(), v.rank(), v.restarts(), v.sidecarRestarts(), v.created()));
        }

        PodView build() {
            return v;
        }
    }

    record Case(String name, PodView first, PodView second) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("1: unscheduled before scheduled", pod(b -> b.node("")), BASE),
                new Case("1 beats 2: unscheduled running before scheduled pending",
                        pod(b -> b.node("")), pod(b -> b.phase("Pending"))),
                new Case("2: Pending before Unknown", pod(b -> b.phase("Pending")), pod(b -> b.phase("Unknown"))),
                new Case("2: Unknown before Running", pod(b -> b.phase("Unknown")), BASE),
                new Case("3: not ready before ready", pod(Builder::notReady), BASE),
                new Case("3 beats 4: not ready before a lower cost", pod(b -> b.notReady().cost(5)), pod(b -> b.cost(-5))),
                new Case("4: lower deletion cost first", pod(b -> b.cost(-10)), BASE),
                new Case("4 beats 5: lower cost before doubled up", pod(b -> b.cost(-1)), pod(b -> b.rank(5))),
                new Case("5: doubled up first", pod(b -> b.rank(3)), BASE),
                new Case("6: ready more recently first", pod(b -> b.readyAgo(Duration.ofMinutes(1))), BASE),
                new Case("6: same log2 bucket falls to UID", pod(b -> b.readyAgo(Duration.ofSeconds(61)).uid("a")),
                        pod(b -> b.readyAgo(Duration.ofSeconds(60)).uid("b"))),
                new Case("6 beats 7: ready more recently before more restarts",
                        pod(b -> b.readyAgo(Duration.ofMinutes(1))), pod(b -> b.restarts(9, 0))),
                new Case("6 only when both ready: restarts decide", pod(b -> b.notReady().restarts(1, 0)),
                        pod(b -> b.notReady().created(Optional.of(Duration.ofSeconds(1))))),
                new Case("7: more restarts first", pod(b -> b.restarts(5, 0)), BASE),
                new Case("7: then more sidecar restarts", pod(b -> b.restarts(0, 2)), BASE),
                new Case("8: newer first", pod(b -> b.created(Optional.of(Duration.ofMinutes(1)))), BASE),
                new Case("8: unset creation time counts as newest", pod(b -> b.created(Optional.empty())),
                        pod(b -> b.created(Optional.of(Duration.ofSeconds(1))))),
                new Case("8: same log2 bucket falls to UID", pod(b -> b.created(Optional.of(Duration.ofSeconds(61))).uid("a")),
                        pod(b -> b.created(Optional.of(Duration.ofSeconds(60))).uid("b"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ordersPodsForDeletion(Case c) {
        assertThat(RANKING.less(c.first(), c.second())).as("first before second").isTrue();
        assertThat(RANKING.less(c.second(), c.first())).as("second not before first").isFalse();
        assertThat(RANKING.compare(c.first(), c.second())).isNegative();
    }

    @Test
    void equalPodsAreNotOrdered() {
        assertThat(RANKING.compare(BASE, pod(b -> b))).isZero();
    }

    @Test
    void selectsTheFirstPodsInOrder() {
        PodView unscheduled = pod(b -> b.node("").uid("x"));
        PodView pending = pod(b -> b.phase("Pending").uid("y"));
        List<PodView> pods = List.of(BASE, pending, unscheduled);
        assertThat(RANKING.selectForDeletion(pods, 2)).containsExactly(unscheduled, pending);
        assertThat(RANKING.selectForDeletion(pods, 3)).containsExactlyElementsOf(pods);
    }

    @Test
    void matchesGoLog2AtPowersOfTwo() {
        assertThat(PodDeletionRanking.log2(1024)).isEqualTo(10.0);
        assertThat((long) PodDeletionRanking.log2(1023)).isEqualTo(9);
    }

    static Pod kubePod(String name, String node, String phase) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNodeName(node).endSpec().withNewStatus().withPhase(phase).endStatus().build();
    }

    @Test
    void ranksByActiveRelatedPodsOnTheSameNode() {
        List<Pod> related = List.of(kubePod("a", "n1", "Running"), kubePod("b", "n1", "Running"),
                kubePod("c", "n1", "Succeeded"), kubePod("d", "n2", "Running"));
        List<Pod> toRank = List.of(kubePod("a", "n1", "Running"), kubePod("d", "n2", "Running"),
                kubePod("e", "n3", "Pending"));
        assertThat(PodDeletionRanking.ranksByNode(toRank, related)).containsExactly(2, 1, 0);
    }

    @Test
    void readsAPod() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName("web-1").withUid("uid-1").withCreationTimestamp("2026-01-01T10:00:00Z")
                .addToAnnotations(PodView.DELETION_COST_ANNOTATION, "-7").endMetadata()
                .withNewSpec().withNodeName("n1").addNewInitContainer().withName("proxy").withRestartPolicy("Always")
                .endInitContainer().addNewInitContainer().withName("setup").endInitContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime("2026-01-01T11:00:00Z")
                .endCondition()
                .addNewContainerStatus().withName("web").withRestartCount(2).endContainerStatus()
                .addNewContainerStatus().withName("log").withRestartCount(4).endContainerStatus()
                .addNewInitContainerStatus().withName("proxy").withRestartCount(3).endInitContainerStatus()
                .addNewInitContainerStatus().withName("setup").withRestartCount(8).endInitContainerStatus()
                .endStatus().build();
        assertThat(PodView.of(pod, 2)).isEqualTo(new PodView("web-1", "uid-1", "n1", "Running", true,
                Optional.of(Instant.parse("2026-01-01T11:00:00Z")), -7, 2, 4, 3,
                Optional.of(Instant.parse("2026-01-01T10:00:00Z"))));
    }

    @Test
    void invalidDeletionCostCountsAsZero() {
        assertThat(PodView.deletionCost(java.util.Map.of(PodView.DELETION_COST_ANNOTATION, "cheap"))).isZero();
    }

    /**
     * Upstream's rules are not transitive: a pair ready at the same second is ordered by restarts, a pair ready in the
     * same log2 bucket by UID. A thousand pods that became ready within a few seconds, as after a fast rollout, made
     * TimSort reject the order; selection must still work and keep every rule that does order consistently.
     */
    @Test
    void manyPodsReadyWithinOneBucketAreSelectedWithoutComplaint() {
        java.util.Random random = new java.util.Random(7);
        List<PodView> pods = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int restarts = random.nextInt(3);
            long readyAgo = 1000 + random.nextInt(4);
            boolean ready = i % 10 != 0;
            String uid = java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8)}).toString();
            pods.add(new PodView("p" + i, uid, "n" + (i % 20), "Running", ready,
                    ready ? Optional.of(NOW.minusSeconds(readyAgo)) : Optional.empty(), 0, 1, restarts, 0,
                    Optional.of(NOW.minusSeconds(readyAgo + 1))));
        }
        java.util.Collections.shuffle(pods, random);

        List<PodView> selected = RANKING.selectForDeletion(pods, 250);

        assertThat(selected).hasSize(250).doesNotHaveDuplicates();
        // Not ready before ready: the 100 unready pods go first.
        assertThat(selected.subList(0, 100)).allMatch(p -> !p.ready());
        assertThat(selected.subList(100, 250)).allMatch(PodView::ready);
    }
}

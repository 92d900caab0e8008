package io.capstan.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProportionalScalingTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** An RS annotated as upstream's TestScale does: desired = previous replicas, max = previous replicas + surge. */
    static ReplicaSetState rs(String name, int ageRank, int replicas, int previousDesired, int previousSurge) {
        return new ReplicaSetState(name, T0.plusSeconds(ageRank), replicas, replicas,
                DeploymentAnnotations.replicasAnnotations(previousDesired, previousSurge));
    }

    record Case(String name, Deployment deployment, ReplicaSetState newRS, List<ReplicaSetState> old,
                Map<String, Integer> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("10→12, one RS", Deployments.rolling(12, "0", "0"), rs("v2", 2, 10, 10, 0), List.of(),
                        Map.of("v2", 12)),
                new Case("5→10", Deployments.rolling(10, "0", "0"), rs("v2", 2, 2, 5, 0),
                        List.of(rs("v1", 1, 3, 5, 0)), Map.of("v2", 4, "v1", 6)),
                new Case("5→3", Deployments.rolling(3, "0", "0"), rs("v2", 2, 2, 5, 0),
                        List.of(rs("v1", 1, 3, 5, 0)), Map.of("v2", 1, "v1", 2)),
                new Case("9→4", Deployments.rolling(4, "0", "0"), rs("v2", 2, 8, 9, 0),
                        List.of(rs("v1", 1, 1, 9, 0)), Map.of("v2", 4, "v1", 0)),
                new Case("7→10, two old", Deployments.rolling(10, "0", "0"), rs("v3", 3, 2, 7, 0),
                        List.of(rs("v2", 2, 3, 7, 0), rs("v1", 1, 2, 7, 0)), Map.of("v3", 3, "v2", 4, "v1", 3)),
                new Case("13→8, two old", Deployments.rolling(8, "0", "0"), rs("v3", 3, 2, 13, 0),
                        List.of(rs("v2", 2, 8, 13, 0), rs("v1", 1, 3, 13, 0)), Map.of("v3", 1, "v2", 5, "v1", 2)),
                new Case("3→4: equal sizes, newest gets the leftover", Deployments.rolling(4, "0", "0"),
                        rs("v3", 3, 1, 3, 0), List.of(rs("v2", 2, 1, 3, 0), rs("v1", 1, 1, 3, 0)),
                        Map.of("v3", 2, "v2", 1, "v1", 1)),
                new Case("3→2: equal sizes, oldest loses", Deployments.rolling(2, "0", "0"),
                        rs("v3", 3, 1, 3, 0), List.of(rs("v2", 2, 1, 3, 0), rs("v1", 1, 1, 3, 0)),
                        Map.of("v3", 1, "v2", 1, "v1", 0)),
                new Case("6→0", Deployments.rolling(0, "0", "0"), rs("v3", 3, 3, 6, 0),
                        List.of(rs("v2", 2, 2, 6, 0), rs("v1", 1, 1, 6, 0)), Map.of("v3", 0, "v2", 0, "v1", 0)),
                new Case("10→20 with surge 2", Deployments.rolling(20, "2", "0"), rs("v2", 2, 6, 10, 2),
                        List.of(rs("v1", 1, 6, 10, 2)), Map.of("v2", 11, "v1", 11)),
                new Case("10 (surge 3) → 50 (surge 6)", Deployments.rolling(50, "6", "0"), rs("v2", 2, 5, 10, 3),
                        List.of(rs("v1", 1, 8, 10, 3)), Map.of("v2", 22, "v1", 34)),
                new Case("docs: 10→15, surge 3, maxUnavailable 2", Deployments.rolling(15, "3", "2"),
                        rs("v2", 2, 5, 10, 3), List.of(rs("v1", 1, 8, 10, 3)), Map.of("v2", 7, "v1", 11)),
                new Case("saturated new RS empties the old ones", Deployments.rolling(5, "0", "0"),
                        rs("v2", 2, 5, 5, 0), List.of(rs("v1", 1, 2, 5, 0)), Map.of("v1", 0)),
                new Case("nothing active: the new RS takes the count", Deployments.rolling(3, "0", "0"),
                        rs("v2", 2, 0, 0, 0), List.of(rs("v1", 1, 0, 0, 0)), Map.of("v2", 3)),
                new Case("recreate gets no proportional step", Deployments.recreate(10), rs("v2", 2, 2, 5, 0),
                        List.of(rs("v1", 1, 3, 5, 0)), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scalesProportionally(Case c) {
        Map<String, Integer> plan = ProportionalScaling.plan(c.deployment(), Optional.of(c.newRS()), c.old());
        assertThat(plan).isEqualTo(c.expected());
    }

    record FractionCase(String name, int replicas, String surge, int statusReplicas, int rsReplicas,
                        Integer annotatedMax, int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<FractionCase> fractions() {
        return Stream.of(
                new FractionCase("dep 120, RS 50, annotation 100", 120, "0", 0, 50, 100, 10),
                new FractionCase("annotation 110 with surge 10", 120, "10", 0, 50, 110, 9),
                new FractionCase("dep 10, RS 6, annotation 12", 10, "0", 0, 6, 12, -1),
                new FractionCase("dep 100 surge 10, RS 50, annotation 130", 100, "10", 0, 50, 130, -8),
                new FractionCase("annotation missing, status.replicas 100", 120, "0", 100, 50, null, 10),
                new FractionCase("annotation 0 falls back to status.replicas", 120, "0", 100, 50, 0, 10),
                new FractionCase("annotation missing and status 0", 120, "0", 0, 50, null, 0),
                new FractionCase("scaling to zero takes the whole RS", 0, "0", 10, 7, 10, -7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fractions")
    void computesReplicaSetFraction(FractionCase c) {
        Deployment d = new DeploymentBuilder(Deployments.rolling(c.replicas(), c.surge(), "0"))
                .withNewStatus().withReplicas(c.statusReplicas()).endStatus().build();
        Map<String, String> annotations = new HashMap<>();
        if (c.annotatedMax() != null) {
            annotations.put(DeploymentAnnotations.MAX_REPLICAS, c.annotatedMax().toString());
        }
        ReplicaSetState rs = new ReplicaSetState("rs", T0, c.rsReplicas(), 0, annotations);
        assertThat(ProportionalScaling.replicaSetFraction(rs, d)).isEqualTo(c.expected());
    }
}

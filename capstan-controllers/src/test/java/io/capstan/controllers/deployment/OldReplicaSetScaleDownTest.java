package io.capstan.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OldReplicaSetScaleDownTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static ReplicaSetState rs(String name, int ageRank, int replicas, int available) {
        return ReplicaSetState.of(name, T0.plusSeconds(ageRank), replicas, available);
    }

    record Case(String name, int desired, int maxUnavailable, ReplicaSetState newRS, List<ReplicaSetState> old,
                Map<String, Integer> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // rolling_test TestReconcileOldReplicaSets (maxUnavailable 0 resolves to 1 with surge 0).
                new Case("10 ready, maxUnavailable resolves to 1", 10, 1, rs("new", 9, 0, 0),
                        List.of(rs("old", 0, 10, 10)), Map.of("old", 9)),
                new Case("10 ready, maxUnavailable 2", 10, 2, rs("new", 9, 0, 0),
                        List.of(rs("old", 0, 10, 10)), Map.of("old", 8)),
                new Case("8 ready 2 unready: cleanup removes the 2", 10, 2, rs("new", 9, 0, 0),
                        List.of(rs("old", 0, 10, 8)), Map.of("old", 8)),
                new Case("8 ready plus 2 unready new: no budget", 10, 2, rs("new", 9, 2, 0),
                        List.of(rs("old", 0, 8, 8)), Map.of()),
                new Case("no old pods", 10, 2, rs("new", 9, 10, 10), List.of(rs("old", 0, 0, 0)), Map.of()),
                new Case("oldest RS is cut first", 10, 2, rs("new", 9, 3, 0),
                        List.of(rs("b", 2, 5, 5), rs("a", 1, 5, 5)), Map.of("a", 3)),
                new Case("cleanup spans old RSs oldest first, bounded by maxScaledDown", 10, 2, rs("new", 9, 3, 0),
                        List.of(rs("a", 1, 5, 4), rs("b", 2, 5, 3)), Map.of("a", 4, "b", 4)),
                new Case("k new pods available let k old pods go", 10, 2, rs("new", 9, 5, 5),
                        List.of(rs("old", 0, 8, 8)), Map.of("old", 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void scalesOldReplicaSetsDown(Case c) {
        assertThat(OldReplicaSetScaleDown.plan(c.desired(), c.maxUnavailable(), c.newRS(), c.old()))
                .isEqualTo(c.expected());
    }
}

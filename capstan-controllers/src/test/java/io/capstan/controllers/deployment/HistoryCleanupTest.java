package io.capstan.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HistoryCleanupTest {

    /** An old RS: name, revision, creation second, spec and status replicas. */
    static ReplicaSet rs(String name, String revision, int createdSecond, int spec, int status) {
        return new ReplicaSetBuilder()
                .withNewMetadata().withName(name).withGeneration(1L)
                .withCreationTimestamp(String.format("2026-01-01T00:00:%02dZ", createdSecond))
                .addToAnnotations(DeploymentAnnotations.REVISION, revision).endMetadata()
                .withNewSpec().withReplicas(spec).endSpec()
                .withNewStatus().withReplicas(status).withObservedGeneration(1L).endStatus()
                .build();
    }

    record Case(String name, Integer limit, List<ReplicaSet> old, List<String> deleted) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        ReplicaSet stale = new ReplicaSetBuilder(rs("stale", "1", 1, 0, 0)).editMetadata().withGeneration(2L).endMetadata()
                .build();
        ReplicaSet deleting = new ReplicaSetBuilder(rs("deleting", "1", 1, 0, 0)).editMetadata()
                .withDeletionTimestamp("2026-01-01T00:01:00Z").endMetadata().build();
        return Stream.of(
                new Case("three idle, limit 1: two lowest revisions go", 1,
                        List.of(rs("c", "3", 3, 0, 0), rs("a", "1", 1, 0, 0), rs("b", "2", 2, 0, 0)), List.of("a", "b")),
                new Case("limit 0 deletes only the fully scaled-down one", 0,
                        List.of(rs("a", "1", 1, 0, 0), rs("b", "2", 2, 0, 1), rs("c", "3", 3, 1, 0),
                                rs("d", "4", 4, 1, 1)), List.of("a")),
                new Case("two running, limit 0: none", 0, List.of(rs("a", "1", 1, 1, 1), rs("b", "2", 2, 1, 1)), List.of()),
                new Case("within the limit: none", 2, List.of(rs("a", "1", 1, 0, 0), rs("b", "2", 2, 0, 0)), List.of()),
                new Case("no limit: none", null, List.of(rs("a", "1", 1, 0, 0)), List.of()),
                new Case("MaxInt32 limit: none", Integer.MAX_VALUE, List.of(rs("a", "1", 1, 0, 0)), List.of()),
                new Case("revision sorts numerically, not by age", 1,
                        List.of(rs("young", "2", 5, 0, 0), rs("old", "10", 1, 0, 0)), List.of("young")),
                new Case("unparsable revision falls back to age", 1,
                        List.of(rs("young", "x", 5, 0, 0), rs("old", "9", 1, 0, 0)), List.of("old")),
                new Case("status not observed yet is kept", 0, List.of(stale), List.of()),
                new Case("already deleting is not a candidate", 1, List.of(deleting, rs("a", "2", 2, 0, 0)), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void selectsReplicaSetsToDelete(Case c) {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withRevisionHistoryLimit(c.limit()).endSpec().build();
        assertThat(HistoryCleanup.deletable(d, c.old()).stream().map(rs -> rs.getMetadata().getName()))
                .containsExactlyElementsOf(c.deleted());
    }
}

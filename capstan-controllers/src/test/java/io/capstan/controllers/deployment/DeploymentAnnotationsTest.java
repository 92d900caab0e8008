package io.capstan.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentAnnotationsTest {

    record Case(String key, boolean copied) {
        @Override
        public String toString() {
            return key + (copied ? " is copied" : " is not copied");
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(DeploymentAnnotations.CHANGE_CAUSE, true),
                new Case("example.com/owner", true),
                new Case(DeploymentAnnotations.LAST_APPLIED, false),
                new Case(DeploymentAnnotations.REVISION, false),
                new Case(DeploymentAnnotations.REVISION_HISTORY, false),
                new Case(DeploymentAnnotations.DESIRED_REPLICAS, false),
                new Case(DeploymentAnnotations.MAX_REPLICAS, false),
                new Case(DeploymentAnnotations.ROLLBACK_TO, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void copiesOnlyUserAnnotations(Case c) {
        Map<String, String> rs = DeploymentAnnotations.copyToReplicaSet(Map.of(c.key(), "from-deployment"),
                Map.of(c.key(), "on-rs"));
        assertThat(rs.get(c.key())).isEqualTo(c.copied() ? "from-deployment" : "on-rs");
    }

    @Test
    void copyingNeverRemoves() {
        assertThat(DeploymentAnnotations.copyToReplicaSet(Map.of("a", "1"), Map.of("b", "2")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
    }

    @Test
    void writesReplicaAnnotations() {
        assertThat(DeploymentAnnotations.replicasAnnotations(10, 3)).containsExactlyInAnyOrderEntriesOf(
                Map.of(DeploymentAnnotations.DESIRED_REPLICAS, "10", DeploymentAnnotations.MAX_REPLICAS, "13"));
    }
}

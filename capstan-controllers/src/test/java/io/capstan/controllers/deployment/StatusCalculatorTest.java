package io.capstan.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StatusCalculatorTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

    static ReplicaSet rs(String name, int spec, int replicas, int ready, int available) {
        return new ReplicaSetBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(spec).endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(ready).withAvailableReplicas(available).endStatus()
                .build();
    }

    record Case(String name, Deployment deployment, List<ReplicaSet> replicaSets, String availableStatus,
                int unavailable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> availability() {
        return Stream.of(
                new Case("rolling 10, 8 available is enough", Deployments.rolling(10, "3", "2"),
                        List.of(rs("old", 8, 8, 8, 8), rs("new", 5, 5, 0, 0)), "True", 5),
                new Case("rolling 10, 7 available is not", Deployments.rolling(10, "3", "2"),
                        List.of(rs("old", 8, 8, 8, 7), rs("new", 5, 5, 0, 0)), "False", 6),
                new Case("recreate needs every replica", Deployments.recreate(3),
                        List.of(rs("new", 3, 3, 3, 2)), "False", 1),
                new Case("zero replicas is available", Deployments.rolling(0, "25%", "25%"),
                        List.of(rs("old", 0, 0, 0, 0)), "True", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("availability")
    void availableConditionAndCounts(Case c) {
        c.deployment().getMetadata().setGeneration(4L);
        DeploymentStatus status = StatusCalculator.calculate(c.deployment(), Optional.of(c.replicaSets().getLast()),
                c.replicaSets(), NOW);
        assertThat(DeploymentConditions.get(status, "Available").orElseThrow().getStatus()).isEqualTo(c.availableStatus());
        assertThat(status.getUnavailableReplicas()).isEqualTo(c.unavailable());
        assertThat(status.getUpdatedReplicas()).isEqualTo(c.replicaSets().getLast().getStatus().getReplicas());
        assertThat(status.getObservedGeneration()).isEqualTo(4L);
    }

    @Test
    void sameTreatsZeroAndAbsentAlike() {
        assertThat(StatusCalculator.same(new DeploymentStatusBuilder().withReplicas(0).build(), new DeploymentStatus())).isTrue();
        assertThat(StatusCalculator.same(new DeploymentStatusBuilder().withReplicas(1).build(), new DeploymentStatus())).isFalse();
        assertThat(StatusCalculator.same(new DeploymentStatusBuilder().withCollisionCount(0).build(), new DeploymentStatus()))
                .as("a collision count of 0 differs from none").isFalse();
    }

    @Test
    void progressCheckIsDueOneSecondAfterTheDeadline() {
        Deployment d = Deployments.rolling(2, "1", "0");
        d.getSpec().setProgressDeadlineSeconds(600);
        DeploymentStatus status = new DeploymentStatus();
        DeploymentConditions.set(status, DeploymentConditions.create("Progressing", "True", "ReplicaSetUpdated", "m",
                NOW.minusSeconds(100)));
        assertThat(StatusCalculator.progressCheckDelay(d, status, NOW)).contains(Duration.ofSeconds(501));
        assertThat(StatusCalculator.timedOut(d, status, NOW.plusSeconds(500))).isFalse();
        assertThat(StatusCalculator.timedOut(d, status, NOW.plusSeconds(501))).isTrue();
    }

    @Test
    void settingAConditionWithTheSameStatusKeepsItsTransitionTime() {
        DeploymentStatus status = new DeploymentStatus();
        DeploymentConditions.set(status, DeploymentConditions.create("Progressing", "True", "NewReplicaSetCreated", "a", NOW));
        DeploymentConditions.set(status, DeploymentConditions.create("Progressing", "True", "NewReplicaSetCreated", "b",
                NOW.plusSeconds(5)));
        assertThat(status.getConditions()).singleElement().satisfies(c -> assertThat(c.getMessage()).isEqualTo("a"));
        DeploymentConditions.set(status, DeploymentConditions.create("Progressing", "True", "ReplicaSetUpdated", "c",
                NOW.plusSeconds(9)));
        assertThat(status.getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T00:10:00Z");
            assertThat(c.getLastUpdateTime()).isEqualTo("2026-01-01T00:10:09Z");
        });
    }
}

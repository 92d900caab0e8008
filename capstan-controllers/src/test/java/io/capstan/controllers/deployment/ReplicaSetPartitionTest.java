package io.capstan.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaSetPartitionTest {

    static PodTemplateSpec template(String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(image).endContainer().endSpec().build();
    }

    /** An RS of {@code image}, created at second {@code created}, carrying its own hash label. */
    static ReplicaSet rs(String name, int created, String image) {
        PodTemplateSpec t = new PodTemplateSpecBuilder(template(image)).editMetadata()
                .addToLabels(PodTemplateHash.LABEL, name).endMetadata().build();
        return new ReplicaSetBuilder().withNewMetadata().withName(name)
                .withCreationTimestamp(String.format("2026-01-01T00:00:%02dZ", created)).endMetadata()
                .withNewSpec().withReplicas(1).withTemplate(t).endSpec().build();
    }

    record Case(String name, String image, List<ReplicaSet> owned, Optional<String> newRS, List<String> old) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no ReplicaSets", "v1", List.of(), Optional.empty(), List.of()),
                new Case("template changed: no new RS yet", "v2", List.of(rs("a", 1, "v1")), Optional.empty(), List.of("a")),
                new Case("current template found despite the hash label", "v2",
                        List.of(rs("b", 2, "v2"), rs("a", 1, "v1")), Optional.of("b"), List.of("a")),
                new Case("rollback re-uses the old RS", "v1", List.of(rs("b", 2, "v2"), rs("a", 1, "v1")),
                        Optional.of("a"), List.of("b")),
                new Case("several match: the oldest wins, name breaks ties", "v1",
                        List.of(rs("c", 3, "v1"), rs("b", 1, "v1"), rs("a", 1, "v1")), Optional.of("a"),
                        List.of("b", "c")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitsNewAndOld(Case c) {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withTemplate(template(c.image())).endSpec().build();
        ReplicaSetPartition p = ReplicaSetPartition.of(d, c.owned());
        assertThat(p.newReplicaSet().map(rs -> rs.getMetadata().getName())).isEqualTo(c.newRS());
        assertThat(p.old().stream().map(rs -> rs.getMetadata().getName())).containsExactlyElementsOf(c.old());
    }

    record ScalingCase(String name, int replicas, List<ReplicaSetState> rss, boolean scaling) {
        @Override
        public String toString() {
            return name;
        }
    }

    static ReplicaSetState state(int replicas, String desired) {
        return new ReplicaSetState("rs" + replicas, Instant.EPOCH, replicas, 0,
                desired == null ? Map.of() : Map.of(DeploymentAnnotations.DESIRED_REPLICAS, desired));
    }

    static Stream<ScalingCase> scalingEvents() {
        return Stream.of(
                new ScalingCase("annotation matches", 5, List.of(state(3, "5"), state(2, "5")), false),
                new ScalingCase("annotation differs", 7, List.of(state(3, "5"), state(2, "5")), true),
                new ScalingCase("inactive RS does not count", 7, List.of(state(0, "5"), state(7, "7")), false),
                new ScalingCase("missing or invalid annotation does not count", 7,
                        List.of(state(3, null), state(4, "x")), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scalingEvents")
    void detectsScalingEvents(ScalingCase c) {
        assertThat(ReplicaSetPartition.isScalingEvent(Deployments.rolling(c.replicas(), "1", "0"), c.rss()))
                .isEqualTo(c.scaling());
    }
}

package io.capstan.controllers.deployment;

import static io.capstan.controllers.deployment.Deployments.intOrPercent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RolloutMathTest {

    record FencepostCase(String name, int replicas, String maxSurge, String maxUnavailable, int surge, int unavailable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<FencepostCase> fenceposts() {
        return Stream.of(
                new FencepostCase("10 at 25%/25%", 10, "25%", "25%", 3, 2),
                new FencepostCase("1 at 25%/25%", 1, "25%", "25%", 1, 0),
                new FencepostCase("3 at 25%/25%", 3, "25%", "25%", 1, 0),
                new FencepostCase("4 at 25%/25%", 4, "25%", "25%", 1, 1),
                new FencepostCase("10 at 39%/39%", 10, "39%", "39%", 4, 3),
                new FencepostCase("10 at nil/39%", 10, null, "39%", 0, 3),
                new FencepostCase("10 at 39%/nil", 10, "39%", null, 4, 0),
                new FencepostCase("10 at nil/nil forces unavailable 1", 10, null, null, 0, 1),
                new FencepostCase("0 at 0%/0%", 0, "0%", "0%", 0, 1),
                new FencepostCase("5 at 0%/10% floors then forces 1", 5, "0%", "10%", 0, 1),
                new FencepostCase("ints are taken as they are", 10, "3", "2", 3, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fenceposts")
    void resolvesFenceposts(FencepostCase c) {
        assertThat(RolloutMath.resolveFenceposts(intOrPercent(c.maxSurge()), intOrPercent(c.maxUnavailable()), c.replicas()))
                .isEqualTo(new Fenceposts(c.surge(), c.unavailable()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"oops", "urg%", "10"})
    void rejectsStringsThatAreNotPercentages(String value) {
        assertThatThrownBy(() -> RolloutMath.scaledValue(new io.fabric8.kubernetes.api.model.IntOrString(value), 10, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    record BoundCase(String name, Deployment deployment, int maxSurge, int maxUnavailable, int minAvailable) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BoundCase> bounds() {
        return Stream.of(
                new BoundCase("maxUnavailable int 10 of 10", Deployments.rolling(10, "0", "10"), 0, 10, 0),
                new BoundCase("maxUnavailable 100% of 10", Deployments.rolling(10, "0", "100%"), 0, 10, 0),
                new BoundCase("maxUnavailable 10 capped at 5 replicas", Deployments.rolling(5, "0", "10"), 0, 5, 0),
                new BoundCase("maxUnavailable 60% leaves 4 available", Deployments.rolling(10, "0", "60%"), 0, 6, 4),
                new BoundCase("zero replicas have no unavailable budget", Deployments.rolling(0, "1", "1"), 1, 0, 0),
                new BoundCase("recreate has neither surge nor unavailable", Deployments.recreate(3), 0, 0, 0),
                new BoundCase("defaults 25%/25% of 10", Deployments.rolling(10, "25%", "25%"), 3, 2, 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounds")
    void computesDeploymentBounds(BoundCase c) {
        assertThat(RolloutMath.maxSurge(c.deployment())).isEqualTo(c.maxSurge());
        assertThat(RolloutMath.maxUnavailable(c.deployment())).isEqualTo(c.maxUnavailable());
        assertThat(RolloutMath.minAvailable(c.deployment())).isEqualTo(c.minAvailable());
    }

    record NewReplicasCase(String name, Deployment deployment, int newReplicas, int total, int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<NewReplicasCase> newReplicas() {
        return Stream.of(
                // DU TestNewRSNewReplicas: one other RS of 5 besides the new one.
                new NewReplicasCase("DU: dep 1, new 5, surge 1", Deployments.rolling(1, "1", "0"), 5, 10, 1),
                new NewReplicasCase("DU: dep 6, new 2, surge 10", Deployments.rolling(6, "10", "0"), 2, 7, 6),
                new NewReplicasCase("DU: recreate dep 3", Deployments.recreate(3), 0, 5, 3),
                // rolling_test TestReconcileNewReplicaSet: (old, new) with desired 10, maxUnavailable 0.
                new NewReplicasCase("rolling: old 10 new 0 surge 0", Deployments.rolling(10, "0", "0"), 0, 10, 0),
                new NewReplicasCase("rolling: old 10 new 0 surge 2", Deployments.rolling(10, "2", "0"), 0, 10, 2),
                new NewReplicasCase("rolling: old 5 new 0 surge 2", Deployments.rolling(10, "2", "0"), 0, 5, 7),
                new NewReplicasCase("rolling: old 10 new 2 surge 2", Deployments.rolling(10, "2", "0"), 2, 12, 2),
                new NewReplicasCase("rolling: old 2 new 11 scales down", Deployments.rolling(10, "2", "0"), 11, 13, 10),
                new NewReplicasCase("timeline step 1: new RS 0 of 13", Deployments.rolling(10, "3", "2"), 0, 10, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("newReplicas")
    void sizesTheNewReplicaSet(NewReplicasCase c) {
        assertThat(RolloutMath.newReplicaSetTarget(c.deployment(), c.newReplicas(), c.total())).isEqualTo(c.expected());
    }

    record CompleteCase(String name, int desired, int current, int updated, int available, boolean complete) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<CompleteCase> completion() {
        return Stream.of(
                new CompleteCase("one not available", 5, 5, 5, 4, false),
                new CompleteCase("two not available", 5, 5, 5, 3, false),
                new CompleteCase("all updated and available", 5, 5, 5, 5, true),
                new CompleteCase("one not updated", 5, 5, 4, 5, false),
                new CompleteCase("old pod still running", 1, 2, 1, 1, false),
                new CompleteCase("nothing available", 1, 1, 1, 0, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completion")
    void decidesCompletion(CompleteCase c) {
        Deployment d = Deployments.rolling(c.desired(), "25%", "25%");
        DeploymentStatus status = new DeploymentStatusBuilder().withReplicas(c.current()).withUpdatedReplicas(c.updated())
                .withAvailableReplicas(c.available()).withObservedGeneration(1L).build();
        assertThat(RolloutMath.deploymentComplete(d, status)).isEqualTo(c.complete());
        DeploymentStatus stale = new DeploymentStatusBuilder(status).withObservedGeneration(0L).build();
        assertThat(RolloutMath.deploymentComplete(d, stale)).isFalse();
    }
}

package io.capstan.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays the reference timeline (semantics §2.6): 10 replicas, surge 3, maxUnavailable 2, all old pods available,
 * one sync per row, composing the new-RS step and the old-RS step exactly as {@code rolloutRolling} does.
 */
class RollingTimelineTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Deployment deployment = Deployments.rolling(10, "3", "2");

    /** One sync: {@code newAvailable} new pods are available when it starts; afterwards the sizes are (old, new). */
    record Step(String name, int newAvailable, int oldAfter, int newAfter) {
    }

    private int oldSpec = 10;
    private int oldAvailable = 10;
    private int newSpec = -1;

    @Test
    void followsTheReferenceTimeline() {
        List<Step> steps = List.of(
                new Step("template changed: new RS created at 3, old 10→8", 0, 8, 3),
                new Step("new RS grows to the surge limit", 0, 8, 5),
                new Step("stuck while no new pod is available", 0, 8, 5),
                new Step("2 new available: 2 old go", 2, 6, 5),
                new Step("new RS refills the surge", 2, 6, 7),
                new Step("4 new available: 2 more old go", 4, 4, 7),
                new Step("new RS refills", 4, 4, 9),
                new Step("6 new available", 6, 2, 9),
                new Step("new RS reaches desired", 6, 2, 10),
                new Step("8 new available: old RS emptied", 8, 0, 10),
                new Step("all available: nothing left to do", 10, 0, 10));
        for (Step step : steps) {
            sync(step.newAvailable());
            assertThat(List.of(oldSpec, newSpec)).as(step.name()).containsExactly(step.oldAfter(), step.newAfter());
            assertThat(oldSpec + newSpec).as("Σspec <= replicas + surge after: " + step.name()).isLessThanOrEqualTo(13);
            assertThat(oldAvailable + step.newAvailable()).as("Σavailable >= minAvailable after: " + step.name())
                    .isGreaterThanOrEqualTo(8);
        }
    }

    private void sync(int newAvailable) {
        if (newSpec < 0) {
            newSpec = RolloutMath.newReplicaSetTarget(deployment, 0, oldSpec);
        }
        int target = RolloutMath.newReplicaSetTarget(deployment, newSpec, oldSpec + newSpec);
        if (target != newSpec) {
            newSpec = target;
            return;
        }
        Map<String, Integer> cuts = OldReplicaSetScaleDown.plan(10, RolloutMath.maxUnavailable(deployment),
                ReplicaSetState.of("web-new", T0.plusSeconds(60), newSpec, newAvailable),
                List.of(ReplicaSetState.of("web-old", T0, oldSpec, oldAvailable)));
        oldSpec = cuts.getOrDefault("web-old", oldSpec);
        // Deleting old pods removes available ones: every old pod was available.
        oldAvailable = Math.min(oldAvailable, oldSpec);
    }
}

package io.capstan.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rollouts driven sync by sync against the API server, with the test standing in for the ReplicaSet controller
 * (pods become available exactly when {@link DeploymentFixture#settle} says so).
 */
class DeploymentRolloutTest {
    private DeploymentFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = DeploymentFixture.start();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    /** ReplicaSets by revision, oldest first (creation times have one-second resolution and often tie). */
    private List<ReplicaSet> byRevision() {
        List<ReplicaSet> rss = new ArrayList<>(fx.replicaSets());
        HistoryCleanup.sortByRevision(rss);
        return rss;
    }

    /** Spec sizes by revision, oldest first. */
    private List<Integer> sizes() {
        return byRevision().stream().map(rs -> rs.getSpec().getReplicas()).toList();
    }

    private static int sumSpec(List<ReplicaSet> rss) {
        return rss.stream().mapToInt(rs -> rs.getSpec().getReplicas()).sum();
    }

    /** Pods actually available once every scale-down has taken effect: min(spec, available) per ReplicaSet. */
    private static int availableAfterScaleDown(List<ReplicaSet> rss) {
        return rss.stream().mapToInt(rs -> Math.min(rs.getSpec().getReplicas(),
                rs.getStatus() == null ? 0 : RolloutMath.orZero(rs.getStatus().getAvailableReplicas()))).sum();
    }

    private void createSettled(Deployment d) throws Exception {
        fx.create(d);
        fx.reconcile(d.getMetadata().getName());
        fx.settle();
        fx.reconcile(d.getMetadata().getName());
    }

    /** Syncs and settles until the rollout completes, checking the rolling-update invariants after every sync. */
    private List<List<Integer>> rollToCompletion(String name, int maxTotal, int minAvailable) throws Exception {
        List<List<Integer>> steps = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            fx.reconcile(name);
            List<ReplicaSet> rss = fx.replicaSets();
            assertThat(sumSpec(rss)).as("Σ spec after sync %d", i).isLessThanOrEqualTo(maxTotal);
            assertThat(availableAfterScaleDown(rss)).as("available after sync %d", i).isGreaterThanOrEqualTo(minAvailable);
            steps.add(sizes());
            Deployment d = fx.get(name);
            if (d.getStatus() != null && RolloutMath.deploymentComplete(d, d.getStatus())
                    && sizes().stream().filter(s -> s > 0).count() == 1) {
                return steps;
            }
            fx.settle();
        }
        throw new AssertionError("rollout did not complete: " + steps);
    }

    @Test
    void rollingUpdateOfTenReplicasStaysWithinSurgeAndAvailability() throws Exception {
        Deployment d = DeploymentFixture.deployment("web", 10, "nginx:1");
        d.getSpec().setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString("25%"))
                .endRollingUpdate().build());
        createSettled(d);
        fx.setImage("web", "nginx:2");

        fx.reconcile("web");
        assertThat(sizes()).as("new RS created at 3, old 10 → 8 in the same sync").containsExactly(8, 3);
        fx.reconcile("web");
        assertThat(sizes()).as("the old RS still holds 10 pods: growing now would make 15").containsExactly(8, 3);
        ReplicaSet old = byRevision().getFirst();
        fx.setStatus(old, 8, 8);
        fx.reconcile("web");
        assertThat(sizes()).as("old pods deleted, new grows to the surge limit").containsExactly(8, 5);
        fx.reconcile("web");
        assertThat(sizes()).as("nothing available yet, nothing moves").containsExactly(8, 5);

        rollToCompletion("web", 13, 8);
        List<ReplicaSet> rss = byRevision();
        assertThat(sizes()).containsExactly(0, 10);
        ReplicaSet newRS = rss.get(1);
        assertThat(newRS.getMetadata().getAnnotations()).containsEntry(DeploymentAnnotations.REVISION, "2")
                .containsEntry(DeploymentAnnotations.DESIRED_REPLICAS, "10")
                .containsEntry(DeploymentAnnotations.MAX_REPLICAS, "13");
        assertThat(fx.get("web").getMetadata().getAnnotations()).containsEntry(DeploymentAnnotations.REVISION, "2");

        fx.reconcile("web");
        Map<String, String> before = fx.resourceVersions();
        fx.reconcile("web");
        assertThat(fx.resourceVersions()).as("a settled sync writes nothing").isEqualTo(before);
    }

    @Test
    void templateEqualToAnOldReplicaSetMakesItNewAgainWithAHigherRevision() throws Exception {
        createSettled(DeploymentFixture.deployment("web", 2, "nginx:1"));
        fx.setImage("web", "nginx:2");
        rollToCompletion("web", 3, 2);
        fx.setImage("web", "nginx:1");
        rollToCompletion("web", 3, 2);

        List<ReplicaSet> rss = byRevision();
        assertThat(rss).hasSize(2);
        assertThat(sizes()).containsExactly(0, 2);
        assertThat(rss.get(1).getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("nginx:1");
        assertThat(rss.get(1).getMetadata().getAnnotations()).containsEntry(DeploymentAnnotations.REVISION, "3")
                .containsEntry(DeploymentAnnotations.REVISION_HISTORY, "1");
        fx.reconcile("web");
        assertThat(fx.get("web").getMetadata().getAnnotations()).containsEntry(DeploymentAnnotations.REVISION, "3");
    }

    @Test
    void recreateScalesOldToZeroAndWaitsBeforeCreatingTheNewReplicaSet() throws Exception {
        Deployment d = DeploymentFixture.deployment("web", 3, "nginx:1");
        d.getSpec().setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder().withType("Recreate").build());
        createSettled(d);
        fx.setImage("web", "nginx:2");

        fx.reconcile("web");
        assertThat(fx.replicaSets()).hasSize(1);
        assertThat(sizes()).containsExactly(0);
        fx.reconcile("web");
        assertThat(fx.replicaSets()).as("old pods still running (status.replicas 3)").hasSize(1);

        // A pod of the old ReplicaSet that has not terminated yet still blocks the new one.
        ReplicaSet old = fx.replicaSets().getFirst();
        Pod pod = fx.client.pods().inNamespace(DeploymentFixture.NS).resource(new PodBuilder()
                .withNewMetadata().withName("web-old-pod").addToLabels("app", "web")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(old.getMetadata().getName())
                .withUid(old.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx:1").endContainer().endSpec()
                .build()).create();
        pod.setStatus(new PodStatusBuilder().withPhase("Running").build());
        fx.client.pods().inNamespace(DeploymentFixture.NS).resource(pod).updateStatus();
        fx.settle();
        fx.reconcile("web");
        assertThat(fx.replicaSets()).as("a running old pod blocks the new ReplicaSet").hasSize(1);

        Pod running = fx.client.pods().inNamespace(DeploymentFixture.NS).withName("web-old-pod").get();
        running.setStatus(new PodStatusBuilder().withPhase("Succeeded").build());
        fx.client.pods().inNamespace(DeploymentFixture.NS).resource(running).updateStatus();
        fx.reconcile("web");
        assertThat(DeploymentControllerTest.condition(fx.get("web"), "Available").getStatus()).isEqualTo("False");
        assertThat(sizes()).as("created directly at full size").containsExactly(0, 3);
        fx.settle();
        fx.reconcile("web");
        Deployment done = fx.get("web");
        assertThat(RolloutMath.deploymentComplete(done, done.getStatus())).isTrue();
        assertThat(done.getMetadata().getAnnotations()).containsEntry(DeploymentAnnotations.REVISION, "2");
    }

    @Test
    void pausedDeploymentDoesNotRollButStillScales() throws Exception {
        createSettled(DeploymentFixture.deployment("web", 3, "nginx:1"));
        fx.edit("web", d -> {
            d.getSpec().setPaused(true);
            d.getSpec().getTemplate().getSpec().getContainers().getFirst().setImage("nginx:2");
            return d;
        });
        fx.reconcile("web");
        Deployment paused = fx.get("web");
        assertThat(fx.replicaSets()).hasSize(1);
        assertThat(paused.getStatus().getObservedGeneration()).isEqualTo(paused.getMetadata().getGeneration());
        var progressing = DeploymentControllerTest.condition(paused, "Progressing");
        assertThat(progressing.getStatus()).isEqualTo("Unknown");
        assertThat(progressing.getReason()).isEqualTo("DeploymentPaused");

        fx.edit("web", d -> {
            d.getSpec().setReplicas(5);
            return d;
        });
        fx.reconcile("web");
        assertThat(sizes()).containsExactly(5);
        assertThat(fx.replicaSets().getFirst().getMetadata().getAnnotations())
                .containsEntry(DeploymentAnnotations.DESIRED_REPLICAS, "5");

        fx.edit("web", d -> {
            d.getSpec().setPaused(false);
            return d;
        });
        fx.reconcile("web");
        assertThat(fx.replicaSets()).hasSize(2);
        assertThat(DeploymentControllerTest.condition(fx.get("web"), "Progressing").getReason())
                .isEqualTo("NewReplicaSetCreated");
    }

    @Test
    void scalingMidRolloutDistributesProportionally() throws Exception {
        createSettled(DeploymentFixture.deployment("web", 10, "nginx:1"));
        fx.setImage("web", "nginx:2");
        fx.reconcile("web");
        fx.setStatus(byRevision().getFirst(), 8, 8);
        fx.reconcile("web");
        assertThat(sizes()).containsExactly(8, 5);

        fx.edit("web", d -> {
            d.getSpec().setReplicas(15);
            return d;
        });
        fx.reconcile("web");
        // Both had max-replicas 13; the new maximum is 15 + 4 = 19: old round(8·19/13) − 8 = 4 and new
        // round(5·19/13) − 5 = 2 give 6 of the 6 to add, so 12 / 7.
        assertThat(sizes()).containsExactly(12, 7);
        for (ReplicaSet rs : fx.replicaSets()) {
            assertThat(rs.getMetadata().getAnnotations()).containsEntry(DeploymentAnnotations.DESIRED_REPLICAS, "15")
                    .containsEntry(DeploymentAnnotations.MAX_REPLICAS, "19");
        }
        rollToCompletion("web", 19, 0);
        assertThat(sizes()).containsExactly(0, 15);
    }

    @Test
    void revisionHistoryLimitDeletesTheOldestIdleReplicaSets() throws Exception {
        Deployment d = DeploymentFixture.deployment("web", 1, "nginx:1");
        d.getSpec().setRevisionHistoryLimit(1);
        createSettled(d);
        for (String image : List.of("nginx:2", "nginx:3", "nginx:4")) {
            fx.setImage("web", image);
            rollToCompletion("web", 2, 0);
            fx.reconcile("web");
        }
        List<ReplicaSet> rss = fx.replicaSets();
        assertThat(rss).hasSize(2);
        assertThat(rss).extracting(rs -> rs.getMetadata().getAnnotations().get(DeploymentAnnotations.REVISION))
                .containsExactlyInAnyOrder("3", "4");
    }
}

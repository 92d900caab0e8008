package io.capstan.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating a Deployment, its first ReplicaSet, status and conditions, and that a settled sync writes nothing. */
class DeploymentControllerTest {
    private DeploymentFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = DeploymentFixture.start();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    static DeploymentCondition condition(Deployment d, String type) {
        return DeploymentConditions.get(d.getStatus(), type).orElseThrow(() -> new AssertionError("no " + type));
    }

    @Test
    void createMakesTheFirstReplicaSet() throws Exception {
        Deployment d = fx.create(DeploymentFixture.deployment("web", 3, "nginx:1"));
        fx.reconcile("web");

        List<ReplicaSet> rss = fx.replicaSets();
        assertThat(rss).hasSize(1);
        ReplicaSet rs = rss.getFirst();
        String hash = rs.getMetadata().getLabels().get(PodTemplateHash.LABEL);
        assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]+");
        assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
        assertThat(rs.getSpec().getSelector().getMatchLabels()).containsEntry(PodTemplateHash.LABEL, hash).containsEntry("app", "web");
        assertThat(rs.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(PodTemplateHash.LABEL, hash);
        assertThat(rs.getSpec().getReplicas()).isEqualTo(3);
        assertThat(rs.getMetadata().getAnnotations()).containsEntry(DeploymentAnnotations.REVISION, "1")
                .containsEntry(DeploymentAnnotations.DESIRED_REPLICAS, "3")
                .containsEntry(DeploymentAnnotations.MAX_REPLICAS, "4");
        assertThat(rs.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getUid()).isEqualTo(d.getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
            assertThat(ref.getBlockOwnerDeletion()).isTrue();
        });

        Deployment stored = fx.get("web");
        assertThat(stored.getMetadata().getAnnotations()).containsEntry(DeploymentAnnotations.REVISION, "1");
        assertThat(condition(stored, "Progressing").getReason()).isEqualTo("NewReplicaSetCreated");
        assertThat(condition(stored, "Progressing").getMessage()).isEqualTo("Created new replica set \"" + rs.getMetadata().getName() + "\"");
        assertThat(condition(stored, "Available").getStatus()).isEqualTo("False");
        assertThat(stored.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(stored.getStatus().getUnavailableReplicas()).isEqualTo(3);
    }

    @Test
    void settledDeploymentReportsCompleteStatusAndASecondSyncWritesNothing() throws Exception {
        fx.create(DeploymentFixture.deployment("web", 3, "nginx:1"));
        fx.reconcile("web");
        fx.setStatus(fx.replicaSets().getFirst(), 3, 1);
        fx.reconcile("web");
        Deployment partial = fx.get("web");
        assertThat(condition(partial, "Progressing").getReason()).isEqualTo("ReplicaSetUpdated");
        assertThat(condition(partial, "Available").getReason()).isEqualTo("MinimumReplicasUnavailable");

        fx.settle();
        fx.reconcile("web");
        Deployment d = fx.get("web");
        assertThat(d.getStatus().getReplicas()).isEqualTo(3);
        assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(3);
        assertThat(d.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(3);
        assertThat(d.getStatus().getUnavailableReplicas()).isIn(null, 0);
        DeploymentCondition available = condition(d, "Available");
        assertThat(available.getStatus()).isEqualTo("True");
        assertThat(available.getReason()).isEqualTo("MinimumReplicasAvailable");
        assertThat(available.getMessage()).isEqualTo("Deployment has minimum availability.");
        DeploymentCondition progressing = condition(d, "Progressing");
        assertThat(progressing.getStatus()).isEqualTo("True");
        assertThat(progressing.getReason()).isEqualTo("NewReplicaSetAvailable");
        assertThat(progressing.getMessage()).endsWith("has successfully progressed.");

        Map<String, String> before = fx.resourceVersions();
        assertThat(fx.reconcile("web").requeueAfter()).isEmpty();
        fx.reconcile("web");
        assertThat(fx.resourceVersions()).isEqualTo(before);
    }

    @Test
    void hashCollisionBumpsCollisionCountAndTheRetryUsesAnotherName() throws Exception {
        // The hash is over the stored (defaulted) template.
        Deployment d = fx.create(DeploymentFixture.deployment("web", 1, "nginx:1"));
        String hash = PodTemplateHash.compute(d.getSpec().getTemplate(), java.util.Optional.empty());
        // A foreign ReplicaSet that holds the name but runs another template and is not selected.
        Deployment other = DeploymentFixture.deployment("other", 1, "busybox");
        fx.client.apps().replicaSets().inNamespace(DeploymentFixture.NS).resource(new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder()
                .withNewMetadata().withName("web-" + hash).addToLabels("app", "other").endMetadata()
                .withNewSpec().withReplicas(0).withSelector(other.getSpec().getSelector())
                .withTemplate(other.getSpec().getTemplate()).endSpec().build()).create();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fx.reconcile("web")).hasMessageContaining("collision");
        assertThat(fx.get("web").getStatus().getCollisionCount()).isEqualTo(1);

        fx.reconcile("web");
        String expected = "web-" + PodTemplateHash.compute(d.getSpec().getTemplate(), java.util.Optional.of(1));
        assertThat(fx.replicaSets()).extracting(rs -> rs.getMetadata().getName()).contains(expected);
        assertThat(fx.get("web").getStatus().getCollisionCount()).isEqualTo(1);
    }

    @Test
    void progressDeadlineExceededWithTheFakeClockAndRecoversOnProgress() throws Exception {
        Deployment d = DeploymentFixture.deployment("web", 2, "nginx:1");
        d.getSpec().setProgressDeadlineSeconds(60);
        fx.create(d);
        fx.reconcile("web");
        var requeue = fx.reconcile("web").requeueAfter();
        assertThat(requeue).hasValueSatisfying(delay -> assertThat(delay.getSeconds()).isEqualTo(61));

        fx.clock.advance(java.time.Duration.ofSeconds(60));
        fx.reconcile("web");
        assertThat(condition(fx.get("web"), "Progressing").getReason()).isEqualTo("NewReplicaSetCreated");

        fx.clock.advance(java.time.Duration.ofSeconds(1));
        fx.reconcile("web");
        DeploymentCondition timedOut = condition(fx.get("web"), "Progressing");
        assertThat(timedOut.getStatus()).isEqualTo("False");
        assertThat(timedOut.getReason()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(timedOut.getMessage()).isEqualTo("ReplicaSet \"" + fx.replicaSets().getFirst().getMetadata().getName()
                + "\" has timed out progressing.");

        fx.settle();
        fx.reconcile("web");
        DeploymentCondition recovered = condition(fx.get("web"), "Progressing");
        assertThat(recovered.getStatus()).isEqualTo("True");
        assertThat(recovered.getReason()).isEqualTo("NewReplicaSetAvailable");
    }
}

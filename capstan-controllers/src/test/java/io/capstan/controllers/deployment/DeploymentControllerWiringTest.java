package io.capstan.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.capstan.controller.runtime.Controller;
import io.capstan.controller.runtime.EventRecorder;
import io.capstan.controller.runtime.SystemScheduler;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The controller as the server wires it: informers, keying, retries; the test plays the ReplicaSet controller. */
class DeploymentControllerWiringTest {
    private DeploymentFixture fx;
    private SystemScheduler scheduler;
    private Controller controller;

    @BeforeEach
    void start() throws Exception {
        fx = DeploymentFixture.start();
        scheduler = new SystemScheduler("deployment-test-delays");
        Clock clock = Clock.systemUTC();
        controller = DeploymentController.create(fx.client, clock, scheduler,
                new EventRecorder(fx.client, "deployment-controller", clock), 2);
        controller.start().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        controller.close();
        scheduler.close();
        fx.close();
    }

    private void awaitComplete(String name, String revision) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            fx.settle();
            Deployment d = fx.get(name);
            assertThat(d.getMetadata().getAnnotations()).containsEntry(DeploymentAnnotations.REVISION, revision);
            assertThat(RolloutMath.deploymentComplete(d, d.getStatus())).isTrue();
            assertThat(fx.replicaSets().stream().filter(rs -> rs.getSpec().getReplicas() > 0)).hasSize(1);
            assertThat(DeploymentControllerTest.condition(d, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
        });
    }

    @Test
    void rollsOutAndRollsOverThroughInformers() {
        fx.create(DeploymentFixture.deployment("web", 4, "nginx:1"));
        awaitComplete("web", "1");
        fx.setImage("web", "nginx:2");
        awaitComplete("web", "2");
        assertThat(fx.replicaSets()).hasSize(2);
    }

    @Test
    void adoptsAMatchingOrphanAndReleasesAReplicaSetThatNoLongerMatches() {
        Deployment d = fx.create(DeploymentFixture.deployment("web", 1, "nginx:1"));
        ReplicaSet orphan = fx.client.apps().replicaSets().inNamespace(DeploymentFixture.NS).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName("web-orphan").addToLabels("app", "web").endMetadata()
                .withNewSpec().withReplicas(0).withSelector(d.getSpec().getSelector())
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("old").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                fx.client.apps().replicaSets().inNamespace(DeploymentFixture.NS).withName("web-orphan").get()
                        .getMetadata().getOwnerReferences())
                .singleElement().satisfies(ref -> {
                    assertThat(ref.getUid()).isEqualTo(d.getMetadata().getUid());
                    assertThat(ref.getController()).isTrue();
                }));

        fx.client.apps().replicaSets().inNamespace(DeploymentFixture.NS).withName(orphan.getMetadata().getName())
                .edit(rs -> {
                    rs.getMetadata().getLabels().put("app", "elsewhere");
                    return rs;
                });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                fx.client.apps().replicaSets().inNamespace(DeploymentFixture.NS).withName("web-orphan").get()
                        .getMetadata().getOwnerReferences()).isNullOrEmpty());
    }
}
